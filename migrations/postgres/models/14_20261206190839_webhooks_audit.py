from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


# The webhook table's config_stamp trigger(s) at the end were written by hand: the active
# webhooks are part of the cached configuration (bot.services.config).


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "audit_entry" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "token_id" INT,
    "token_name" VARCHAR(128) NOT NULL,
    "role" VARCHAR(16) NOT NULL,
    "via" VARCHAR(16) NOT NULL,
    "method" VARCHAR(8) NOT NULL,
    "resource" VARCHAR(64) NOT NULL,
    "object_id" VARCHAR(64),
    "action" VARCHAR(255) NOT NULL,
    "status_code" INT NOT NULL,
    "fields_changed" JSONB NOT NULL,
    "address" VARCHAR(64) NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_audit_entry_created_817289" ON "audit_entry" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_audit_entry_token_i_65411c" ON "audit_entry" ("token_id");
CREATE INDEX IF NOT EXISTS "idx_audit_entry_resourc_9abd4a" ON "audit_entry" ("resource");
COMMENT ON TABLE "audit_entry" IS 'One write through the admin API or the console that succeeded: who, what, when,';
        CREATE TABLE IF NOT EXISTS "webhook" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(128) NOT NULL,
    "url" VARCHAR(2048) NOT NULL,
    "events" JSONB NOT NULL,
    "secret" VARCHAR(128) NOT NULL,
    "active" BOOL NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE "webhook" IS 'An integration''s endpoint: the ticket events it subscribed to are POSTed there,';
        CREATE TABLE IF NOT EXISTS "webhook_delivery" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "key" VARCHAR(36) NOT NULL UNIQUE,
    "event" VARCHAR(32) NOT NULL,
    "ticket_id" INT,
    "payload" JSONB NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "attempts" INT NOT NULL,
    "due_at" TIMESTAMPTZ NOT NULL,
    "lease_until" TIMESTAMPTZ,
    "last_status_code" INT,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ NOT NULL,
    "delivered_at" TIMESTAMPTZ,
    "webhook_id" INT NOT NULL REFERENCES "webhook" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_webhook_del_status_98febf" ON "webhook_delivery" ("status", "due_at");
CREATE INDEX IF NOT EXISTS "idx_webhook_del_webhook_6a1bba" ON "webhook_delivery" ("webhook_id", "id");
COMMENT ON COLUMN "webhook_delivery"."status" IS 'PENDING: pending\nSENDING: sending\nDELIVERED: delivered\nFAILED: failed';
COMMENT ON TABLE "webhook_delivery" IS 'One event for one webhook: written in the transaction of the change that caused';
CREATE TRIGGER "config_stamp" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "webhook" FOR EACH STATEMENT EXECUTE FUNCTION config_stamp();"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "audit_entry";
        DROP TABLE IF EXISTS "webhook_delivery";
        DROP TABLE IF EXISTS "webhook";"""


MODELS_STATE = (
    "eJztXXtz2za2/yoY/VN7ruKbOnHa6+7sjGIriW9tK2MpfWzVUSERsrimAC1B2tHu7Xe/AP"
    "gmAYqUSIliMdNJLRIHBH8HBHDe/+ksiYEsetZ7RNjpXIL/dDBcIvZH8kYXdOBqFV3mFxw4"
    "tURLGDaZUseGM97PHFoUsUsGojPbXDkmwewqdi2LXyQz1tDEj9ElF5v/ctHEIY/IWSCb3f"
    "jtd3bZxAb6imjwc/U0mZvIMhIDNQ3+bHF94qxX4toNdj6Ihvxp08mMWO4SR41Xa2dBcNja"
    "9IbPXgPZ0EG8e8d2+fD56PzXDN7IG2nUxBtijMZAc+haTux1p5PoWmcyuR+MJsP+aDLplA"
    "BoRjAHlw2Vird/5EN4df7t2+/efv/m3dvvWRMxzPDKd396j46A8QgFPPejzp/iPnSg10Jg"
    "HIHqIAs92nA5kaH73nxUApwi3Ix0gGvTof6f8/M3b747f/3m3fcXb7/77uL71yHm2Vt54L"
    "+/+cjxZw0I+1i8TyhgSMQA8f8M8lcLaMtxD9qnAGcvsg3gwYUI8eiD3gfkS/h1YiH86CzY"
    "z2/Pv8+B86few9Wn3sMJa3WaBPXev3Xu3Uvi61Jkl8U4TrMVzv60bSbM794WQPndWyXI/F"
    "YSY5tYCnz72F0KjG/YgCCeoQzWAe3+5nO0j5XAutP72L8fXQJBO8a967ube/bLWJq4s81U"
    "f1dkpr9TT/R3aR6w7dh8lnDhPWEAQyyf6BFRCv4po6oL/2BNr2Gi563Gg8Et73lJ6b8sb3"
    "lOrc33X+7e9xnqAnTWyHQUSzbDyXCddUmsY1Qa7OJgWxA/uuyrK7N+x2nat34X2STVW2Rm"
    "g7QgdSaQUvMRI2MCnSzQ1wwox1wiFdhZ+hToht/BWfDH8bEgB/PRzV1/OOrdfU7M+OveqM"
    "/vnIur69TVk/TSHnYCfr4ZfQL8J/jH4L4v0CTUebTFE6N2o390+Jig65AJJi8TaMQxCS4H"
    "lxIcn9mI474Fr5OUFXC5cQdS9oLGAFtrfwYeCdv9jyXDdS5Lz59igh+/MIWzpxdoG5PEnd"
    "hJYmUy+fwJYSrZ4XzaDz8+IAsKdLMTIdAorMwR7+ZoP/boajQbYodeRFesgcneYDIn9m5Y"
    "XTFsHom9bilWS0Qp2493nFB3Xi8txSjcQh1z9oScHbEaiU5aBBVfucg5Ua1l2VvL86V0eT"
    "PQCtrOEmEZxHcQr0eE/5uRWuU4X4e9HZ2+SwV113+5SUpDnHxVm09BNlvD6fsYIkpswZIn"
    "tE7i7asKQ575DQSlf89Z2MR9XESXjcRDuQyFLOTJCle94VXvWmyVkwzwYr4sIWa9GD4Cf3"
    "azW5NMER7btnJ04cEmqfXhrdKHa3VsverY41IVlse6E9cMjnFSa/jQ710P7m9/vQRczCBc"
    "zNiGL5XrDsVCNllAuigz9ZNU1TDlsGtLzWrylY3m5tcyEEcUTZ7zW68vhZaXnNUlDbBWbK"
    "ihb5diI6PAdOn2yssYrVZcNllxaaNntudsw+ckpeZyk7kclwcLSjdxkq08URrGziqknIzu"
    "N4VwFt4PxEbmI/4RFVV+hD5jx4VujuLDhi+hpJ2YVVLNw59F1On8MUxwmVBEKRvojnq9K6"
    "+3oddZe7DfVb+Xr+5xHDhbLFWej9Hdbq7KJ9muTp3Pb4HGnM++37UGaJ8aoCf2WttqKALa"
    "Jktrnc+fBqPBJVgtiEPG+Hpw9eVOKCkY9O5S6Cl+urnusxbPpoFYi58GN1d99ouYMzTGvS"
    "/XN+wedA2T3evd39z1RjcDrvHA5lIsXj49H0Pf74Tt9Q5qhq5jblpIerhQS+ExkiYzdksx"
    "/PziogDGrJUSZHFPgrK/zm0BdoKyLswPp1qqRbMqgCurvk4Q7dEFs3O8U3vJBEQPoxI4J4"
    "j26eq6WlnmTCzL/01mTLp9xZ6G4HI/+Ncyz6n5b5mba06oQkBRTYxCEdxf13v22XOIAl3A"
    "84t3ZaZ7RNE+98vq7QLUYYK3MVlBp5T9JUXWPqQvClkILnJMBBdZG8HSZJIzG0J2Bclz3o"
    "5R7dF5O7xytN7b2iKjnuvttcjElBcZrit36STR/vbqhqsqctS4y8gfckdFbnHPyqZBXFSX"
    "m5xdZbW5tSonXcN0+tix1x2ZcjK6281VTvJ2ExQ23KSd7AwwAi82W7iB73PH/o88txXQ+3"
    "wDiC0u+Npr9jd0AHVnM4QMZFyClwXpsn+gw/9FuJtW7lTd/xjPbbLkf9voDPzMOnYQBqwv"
    "3omN2FykzjeUsR5iyqPaCL4EkN2Yc+Muf9gcMlHXCJqOMdvrnxEFmAABGjgxHQpmC4gf2b"
    "ghBTaxeHvOY/BiOgtgOqdnnW7lHnt5gkvLVLZ7EVvUit3jOoscwBO46UePQtZjzyut1Mkj"
    "TlKT9fj4DCRpRMtqFpNULdSb79k9VuHXcgQusdviW7np59mEZbD1m2toC0C7ZGchUsrOE1"
    "G0EOCKQ7TZ9khce1ZuZYjRtM+CVr0Slkz/iWZytzM1yAmi9ilgq0fZE83KQBxRtHCdqMVA"
    "SR3ouJRBaEgWDLWRLEml9W+Sk7AnVU48LYFkofjf4eBeZWdPU6alSHPmgP8DlklrA7rzt7"
    "mLxdcEpq5pOSamZ/x5f6/LGJyDLUcqIVEGM/rkrvdLerJf3Q7ep0VF3sH79OJiGOyuxMEy"
    "Z3WJSFq4vFSzfpdIIlGnnjRMkSDRksbTJ6h1pLN4q0rdN3/rJOOUxfB+14G8OpC3CctALZ"
    "oKhpws6Yka4JCgdW5m1YvTxDaQBFzlohC2b42LU2VnNp0XUTt7NGBBbq+zRya/S8E1K0On"
    "RU7JNxXPMrZFYKSKXAdJbvSuSZ7od3Sw2S1N1JH42GS+aLmbTe70rgDrlkelqj7pBNhsMO"
    "D+y+1tsRBVnXFu3xGpqTBemUojE+ibo9hIhhgX0m90RsL7ijyZCCwIGzN3l4LYIEvwhNY/"
    "AJ6dCHCfqOGn3qvzi3fApMDzOAcnEHCxewopAuwM/QQe2WFZjCjhAVb1A8YYE+C/IoAvcH"
    "16Bv4QbgZ/cFruCMYdy8QV8WuFbMqaemkVua+Y8OM64awAc2KPMW/ETvQOh2rl+6YJ8lOe"
    "oemZDR0/siF2uf+YgYRQwD4CcY16OZ26AGFDPHuMg6Gx//h9jL46gbvZD0B8mh6p9zfyRu"
    "wT1eFZplVIu0YCo3XppFhxGp0Sa6M9UGvpdLq9v1y6PZ3gpnIxeUbteZSPtbBKOkHV5Hne"
    "mAX7IOU4tlP+e1w9OmcvrUVV495eLSr6ujJZb1twPUmpgxN0cELrd/4cra3iDFBeidi64i"
    "XdlB4xPrGaFA95RVzsCO2HRCfm3ermK8OiRhuVYPfsAQZYEkwcgs0Z8InpD8DTibLBLafs"
    "N7uxRECEIPIIxC7A6BnZ3gV2GDg5/a9vzzIKsKo730E/dFg5u0EqjDdFUkq8UWeUeOMnlF"
    "BrjZ6h5ZZMUBOStMZ9Yw+hnk1xS3Spwz5f+XoV3MtfsOKtdCWRYzqI5K0DurL2gdNWzU2b"
    "OltkxItTtc9XsQ4ts8iiXxboBJHGWdcy/wsrOBuNccX6Te2QuzeHXOquVsR2GCufkVVmQm"
    "cI97g+c82MwY7l+1mnq5IHs6AzWd+UgM6Vufmgh4R5utzjW1RycOa62RSKU4vMeMGWKZEo"
    "xHOXihSlTtdYYsGYQoxlga35gIdEGutyWE9sBGm5cPgkVeuOzbUExGuLqhr99lpU3ZWxJd"
    "eTlJrrTeG6xMSaqaIutAoUIbxtMcAYrS4T1xxGSzwmbLhdzccEoeZx03hcwq6TSYW8YwhL"
    "8TTIzeR5NoYl4Xyy1yifpu15BwnziYX9ScyDyaBAtYEwGYmoTYStMRFqr4w6rSXxkWVAHq"
    "Gvyrj0BFkLROy8E0H/l1HiMJDJwxUeCG4H9x+D5unkXOk8qyI6taQaKUaldfwldPwOnM95"
    "Yjl5REluXaw0aYv8S/fsa6AT9uiEPce3dmjFqHpWH6eKTCtG/4pcVylGt1Kl+FkyzV2VKf"
    "GcnEc2DYqpU9ByxTDYFaaR383xnbS00ulgSqdULLkE3juI1yPC/y0a8FQwa1Kz1Ag5wU7i"
    "vSbpcmrBW9p80rGtLJvtywOT2IIRT2gdouwLSSGT/HuZrFd+vbOILqm/k8ZaseuTtGbsz1"
    "zV4ge6fEAzJkd0JJrF6GY3T7E4p8uJHbXbGC0FTcId08GH4R3g+eIRgNgQqXq6gBIAwQJa"
    "81dzU1ROezH/zVAC1LWfefYeUY2NEdlONlCqwn53UHFyfma+o9xML63UxVXogqHWfAoul0"
    "E7JGiff20tPi8c+Sy+6gIFQftmlCXgj21NWQItb6k/hL+svFWn1TEwY0sOBjELt/pYEKsr"
    "XKux8TdfOvDPTTGd0u/aDrlPO+QTey35Zrw5S1hA2+TsSZ2rL8PR4K7/cAmCYNt0rjBG3W"
    "ddEweN8fDX4ah/dwnomjIhP31aLWTPrDxnmIO+SrYPtRUzaK/Nl6XNl7bI8ZkFe7iElqXO"
    "tB1StciK9ub8u3fhYsN/5K0zw7ve7a02MrT/+FMon5Vhbsf0BKH2zmzOCTfLY3ZzQextyh"
    "JIKFu0alZnCvdgCs4sW2GcItYwSwqcx6WQgugmaHTlkgKJ2UIbThLh0pnZWmcM6qYTs8Wn"
    "1uYSGqnvvAKE42mLjmtlKAqxfG1UVNBQbXkVIN3yUiWSbX6HKiXQceBssZTbO8uYk3thRy"
    "1aRZJRcCZ+qiYW5pb11FaUiOtMydfdYBqIPtoXOLQH/bSYWmoddTDzNuqpJ1bQcqMBe4AR"
    "GPnp1cCMrNaAzAEEfkeXwGZTghdpsdHKMhH1E3GuoE15uRb0VWK7rqZLaU3hmGd2mBMueG"
    "d2OV1f+LdO/GYXxNXrWqG+V4U6NY2ty24EtEenUB+Oeh8+XAIRVdAMpflWURG7xkM0bSs8"
    "TECEbMEqxQZFB5olW7MkjxNKNrQXfa0+ahyqOeqjmE/CjjJ38bN60yAuKnYnv9nNGiStmq"
    "tQNXcYl5+kGCoRqjJyqlqsisTimr1/uE+n69UNZU252w8XWmLnL79BSpbpCjlEXExLQ4Ul"
    "nLyTR8uEnL2cMtSikD6DH/DAx6BTOHapTnsBRZOlzy39rKtP9bqCa4tACcJqP+sYyf5drQ"
    "/j11CLU3W0d2ylYwmp9+gft0LY8F3EyqhaPvfvr2/uP14Cn36Mh8EVGrsyEj+dMf7Qu7nt"
    "X/MRmBYyxvj97eDqR37BT4zbDNWMv+Nn+JfvHBRRtdAbrFWuQQ4Pj5UZ6tT+KjESnRUjvZ"
    "fbiOfHkWUyUnukxkg0oGlALQQpykvSnpMnNEmqnRSbvBIdzBSzH54eiSXGRvPJCtpwWUYa"
    "SRA1mAfNkUdcm30+peJqYyQa4c0IG8hwV2hSMlQ8SVUJzg0KGK8leaOOGlGj396oES7Bbs"
    "HyGJk+jDX5MNYor4CG8fkwOmLGXP4WGSaoNZgRxU4KzIahv2/9pag1gWybSBz21VG9Sao2"
    "HNj2Hdx7KCeYhsFevXpqXnotj2hahOi+3ewO4nvUTOjbE7nWMHx3946RB1MdwqfrSKHNce"
    "mSY8sW1wpwbWl0SxrdaCfaITzNQNxAu3t0WksxrzWi6LNtEtt01h2J51t4r5vn9LaKt9IV"
    "do5p6+4CXWFno5L23dsCOtp3b5UqWn4rbUCVFhVXTllVLfEtbdEtmLYxbTexZIoA9TwNCV"
    "qQ36tu26NJwzFnN+a8oiJJwu0KizTKbpMnblZXVUQXcKkV6oykWuRwSi04WRHLnO1c1mFo"
    "wc+8oyJ1HY7laKoLFhz49E5mTNxBxheR77gjPcQnm2w4y/uNJ27UemNuAK9nYBoUQIubWN"
    "fAgU8I+ynobfSKPYitUTYygOu3pTxjKFhAbPDM9M6LOUPZDAFVdryDfOF1XVpLmyBrz9Ht"
    "wFExNpohxvJt/BtSpPtxcNgrh9rr3zCnEgc4tanVb67trOXsrCVOSHVua0PkOB4Ume0suJ"
    "W7jdFYo4271wN3R14i4BNRwLYHAI2liUHv8w2Ysa3kEVFwInxC+U+nC/hUfTWzCEVgQVyb"
    "dsHZ2dlpdgOruG9doqUpyhz1/vQMLVciwqmXqpBAL1a6Uog+FBxJpZDhgrzgnKwBifv5mx"
    "VvOSlTOaTzM9sookxpYlOZMqGHO3MC3h2XgV4ugWGyzcWhPK2a6Xgp08AJscEMip5ORa0w"
    "kolzqLj7MeZ3p67jsHnZBS+26TgIg5cF+4ff4aGYgJHx9OVcfAtFujPQw95Vhw/ohbiW4W"
    "+ZY4yRybfAQN4TY3sVpZOz0dzlaeIY8ck4sAEHjRkTTMZmY9zxxsh2YwgebeKu+Fj9B9GV"
    "GBdG/P04BOevxVB52TS2f7uOUqxMJGLIyTqn0y40UsDUaRcamWcrD/32ptraMwOmxCglJg"
    "Tt2+BPW7fVdwntJ3dVBt2IooU5RaoH+LhkgIZYLxt+5PcUgU0584cGPNmBP27dyzntB+ZE"
    "7S91jI4nTfWXatTSXktYK3VXK2I7E4XzVE794zRh+w4r1Udrz02bOhO2bK/Yc9HEE3jL5K"
    "RRd9Cm43mFUUCUQcdHsQXWcmKNswRndgjA7HkTXnOSZCH+YBGoADlDmcJ3zknrQvj12ff7"
    "PxpeD768v+2Dzw/9q5vhja+0D8+C4ia/FHlZPfR7t9qjrRTGFToPBn745ULaUlQ6qG1jUF"
    "s83mHHIKF4gMVxYVw0Pig1vZqU+HnoQIdeEVeMPSvORXe7ufIcb8dwCBputN14Do6UW0q6"
    "YE5sYJhLMO7AMSMX5b4AxPQF2fQUvJjOQlggntC6C/zsLOyCuGbANTh55Nhn7DfVP2KMxx"
    "1hLmGdmd7NJcGM1LvNOl/yzv9gaNjOH8KsIw6AvIvTM0aN+8/IXgPPRZTbYQRi4lEzBFbI"
    "Bl5H7D8EZws+YoR5Cr5L1vd03AEnwkzOfrBRdNn/ZuwvfDJjw30krGPTEFdXvGUw54KLFr"
    "/ILThBmq9vKPCFAiCEAtHK5q2uhr3RGH97dnbRBa+Bi8UHeXoGroPheDB6o6dJMMF0Dbyy"
    "bf5gLz1vD97mGzrGpsH7xAw79jwvjSrb15U2JIaAWBYCDgtovS92xf5aRoXhIKVs1UEokf"
    "rb/+E5F2jLU4O07WoVgs/yooKt37yNCoQi6gO18iAtzIbfUFFkQwKN7SZsw2Upq29XqGMC"
    "gjw1+xGinCdI9Ub9TDa81CJe8LieodNSviyOKrkjFsQ2RaWRlSCbOFwUxDVBo1GVoKrwGV"
    "VvUCqf0TZsUNUrs5WBaRsS/eiE6vI1wIITLuT6FRGKrgJJKg2rDNapzaXf0rjGyTSwmRQB"
    "FDqTb0tAGhFoMKVgnpcF81yDqQTzTVkw32gwlWC+LQvmWw2mEsyLsmBeaDCl4qinIC4jik"
    "YUGk4FnBOZM+0mRCdSf1oNaoiPQV7KVEpKk2lgSyaaqd3C+cmkDuExUR2VlTNq0d1s6Vwk"
    "Gm+0dn4iL4CNL7D80dDEmLAiLqABIDBc4VuDwckSMR7NwLgzH3d8Q2LgSdbNWDurfwS3dn"
    "JzYORXdRp0ZpHHV3QFZ6z7qStsmSdT4pxRZD+bM0TPbGJZ7oqeeTdPu9y0OcahNRNAynuK"
    "jMtgZbmUjYJy66NvFDSN0x8AtJDNLYw2eyaaO4C4zkZboXjTIibCUH3kocD/8gasLYXaUn"
    "hUysKKrVnhF1TUmhUSaGuWtmZpa9aRIavtLrXaXaLTRVF8I4oWAlzxXuWf2DLoDpfQspTL"
    "QkTVphXhzfl378LFgP/IWweGd73bW1VBEG0lbIfc63pjk8i7XvX6fDnXb6OjM49rZ29qdG"
    "YLE6DF1k0bYuql9ZUsnuq8Z2m6ndKfbbWUdv42d/FM6IOmrmk5JqZn/LF/79TEihzoa8mK"
    "ppPj15gcn+d05C8+mSpSphSokp7sYo+gsyNiSdw77NB0CRjdGPc+9u9Hw0svtIGOcVBIfR"
    "hVUqdpNe1heASfoekBleFQfgRinE4HIRYPQvSS2U3XW9aNkJFr+IvDH3x+kxnEExutLMnS"
    "lMsAeQeaBcVZYNIJRi8lYY+IdK2U4jjPTQwlqUA2IR2S7XFah1eOFm+byHbRYuecgLaSzC"
    "t1zO3Off9nRodexvjmfvL5YfDxoT9kxxkTT1Y24Udsdsz5uXczurn/eAleoMmzeY8xazS4"
    "/al/femZip+RwQ5Dt4MhvyIyeBvNOAYR20ASOUCpVQjba7XW1nWDdDUcWX6AWqvhjNByZS"
    "nK4IT3unm6PyfeSmv/9jVb6tb+Oaaj2rxUmn1nhx2raR/jPrKzLYjtzFyJvJeTmC1GUxfO"
    "h1O01hDGhr5K8B2xq4pJ7LdvxRzOAXPU/2WUrzoNs1bdDu4/Bs3T+tRUjVaIH11piXX1hI"
    "7TtC/JYJFVQ71mZFYMnRlsf1ohzyF2i8TISUpdHKUpmZKLVEw7rFNe05ayenPCRZhlgS6d"
    "Fe460dlx4ayS+7qpvHCZSdakzHC+1C2TIkN5PEeGjNrUKUH+FunqPQRjSexZ09+yEEd5OM"
    "R9ZdowcTeRtCPddWxbkD8q3SCZYD/2jPl8Eiud4l2Il8zJaeaQlTkLG+W8bfIF/OdrAXyv"
    "7jfuclpKAxkRtKdwbnWZItzpP9GsnKwdkbRCHEyKJucXFwWEE9ZKKZ6IeymUiWvPtjZ5RN"
    "R79Opw/PJnnXKoMwn6tv/xoXfHPgu/hzHufb65BHBlsr9u+w+jSy8irRn2DDGUyRPDosw3"
    "kKRqn4BevcZJC45q6NsrOB5XHSXN9c1cDzBK11LNqfhRnvnSDiqYAw1bc4+X5dkvPfBa2I"
    "LbKVLN5ybz2fNF2WYbjxNqHjeZxxZkq2+oEgp0KOVZntePngGNnwHCJ39X9ss60bxvMu9T"
    "hy9DFtZe6vhmSOPcNdcbxfVY4bctOJ6l1txuMrd5pl9u1dheJxnvYI9qSfJUViE5+PESkC"
    "fucv1w77tci+p7Y/z+od+7+sQdrONJjw+vkvSxtbdTnGSp9afY9E9xBd3thKoMseb1kfCa"
    "IvaeRpkUIXJiHVYhyzechTU/lU1A0yL/pCry2Ohsw5XPTIbVUu7cpfa+TtO1wd64byfsjO"
    "dPylU4J99ohrRFq8Reko+muRDzytqCEUlqzYvdeBG6vm3BiTit5sO2fID2bGE+IxkHcuMX"
    "YmQ6+nybxBYu5ib4EocbCaU+5DQnxWwzV5PqTo/QK1BdDtgUlQY2Z0EoB2ySqk0pUCtDVi"
    "fzrhPdoDh9OWxTVBpZXZr2MIFuwQKaxbh0mNtVrKsjA7lolFtqu0nEuD30h6OHm6tRR7H4"
    "VoBwqUDCY8U4P5JQjnJwvqpiFse6Oq4TWeFJnDyMJuBlYwD3X25vO9I9rgJ4P8e6aukETu"
    "3tBaZvlKF8R3SjdOgtxTaxvxdANpBoK8C299jqAO6U7K9YFdTx2/EqIUI1vGOmtDuvlxbN"
    "5aRvp4mfqkHolvXUVpSI60zJ191gGog+ik+nI/l+EzihZ564ezecvFQI/ed2nS7rzU8Yg0"
    "yZXCJEdFOGiQkKW24sw8k6tddgtoD4EQEyB9AvlglOBqOHIRBFPe31qagwmSiuWYawSM4K"
    "f+jZLBE6H8M+8zGUDZ3eKWi6ad9+3VHT7EsktoeRFOLNjrrJHpoMeieo/RCVfvDrQ/jlIe"
    "KJBIa/Dkf9u0tA19RBy/Racxi/XQ/qcmavGIk2zUiMiQKfshWXklTtqz9TR9ZVvr5nMVaX"
    "XAra61JLCbeESkot6VQZLUuaUCRVRuI4W3D7SNBom9Nmm1OUUG9HlVzrsul3U0q5xNRqUk"
    "bFn9F0QchTRyL1Bre6eRLvS6zRRmG3hwGDiKex4le+oQBhY0XYJQbaAgUCrKcDAaYDqDvl"
    "9FNkAIcAaCPweTAc8V9MikXdjExccf9jLDSpBngxnQVrTwFFbE9gIvanu97Vq+Gn3vnFOy"
    "57886nxCgsbWuReq8pDg9aYfTQO0D9Z13XlpR6UsPrN28huuev3xaBlzdTpzsUN5MAq5TC"
    "anEiomiGQMGf1xqBwtsEykz5iKKFs76WNUXXINA1CBow0dsrH+tUkm3jeoBROpVkRn4v4v"
    "rB5Dy2lNrmrs4fvgx57XXXJmexWu3RadjU0nkc2Y1S+sSIt94org8w8oRlMCc2IOyX388l"
    "eLFNx0Fc3PYkaxtiCr1Dny8P+5ZpZwEdMBN5FjLiesX9j7HpdAMJfrpmErlzFrzwmd8zBS"
    "52TEv0YKMZ4jeBA5+Q0AewUUCHVxpkor7tske5ztkY//GE1n8AkwqioMNvGIHBxiwuvpg2"
    "Aie/vPqErBXD8OlVwJVTT/FAGet4W8SvjbH/DACxwQYR9NgFlAAYjcqwyYqCF/5+bGgLyL"
    "UPCBe250euiIaLwnIPwUTwdAelyy3kBbG2TB2xl7DVHD8AJHHSzXEDQLJy4FuKF4eFP+kD"
    "UMSs/EZtVn6TMSuHvjlFoQ0JWii71VAK8SB2l5bb7VdwbRFZbLVaAxQj2b8KqP7j2P6UPQ"
    "qP/oJ5/ULqPbpNrBA2OITlOND53L+/Fhn9fPoxHgZXaHDlun9781P/gSf5848t/Nj1oXdz"
    "yy/NoWk1JetfcI4rsQzFSXQigkzwsbtN0uKIqoWKguNVDGT1QRaCFE2EcFSWxylSnTOx0X"
    "zmWcT94KsZMSQqduX6KCPVp7XsSilwQrZNJLHY6qx0SSqdk658TjptyPhLrGDhwXOb40iK"
    "Vu9VTeZ0UllZcJdKEmkvzs1enDEXvh3dOGMeg0cGcVE/zuTsapIjZw/Z5mzRkViK/DvdPA"
    "MRjNrUWRpbOz7u0/GR7XTUt84WVXbHSFqo7q6lGjH/qEog7DdvIbrfvn5dRIv3+rVajcfv"
    "pQ71BDtSg41a9R0j0arvkqrvEs4i1W9mf/4/jwGYwg=="
)
