from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

# FAQ matching on SQLite (bot/services/faq.py): an FTS5 index of the articles' titles
# and bodies (unicode61 words, folded case in every alphabet, ranked by bm25), external
# content kept in step by triggers as migration 10's are. Hand-written; the rest of
# this file is generated.


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "article" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "title_en" VARCHAR(128) NOT NULL,
    "title_ru" VARCHAR(128) NOT NULL,
    "body_en" TEXT NOT NULL,
    "body_ru" TEXT NOT NULL,
    "active" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "category_id" INT REFERENCES "category" ("id") ON DELETE SET NULL,
    "department_id" INT NOT NULL REFERENCES "department" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_article_departm_3df4d9" ON "article" ("department_id", "active");
        CREATE TABLE IF NOT EXISTS "deflection" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "article_id" INT NOT NULL REFERENCES "article" ("id") ON DELETE CASCADE,
    "customer_id" INT REFERENCES "customer" ("id") ON DELETE SET NULL,
    "department_id" INT NOT NULL REFERENCES "department" ("id") ON DELETE CASCADE
) /* An article that solved the customer's problem in the wizard: no ticket opened. */;
CREATE INDEX IF NOT EXISTS "idx_deflection_created_e051f3" ON "deflection" ("created_at");
        ALTER TABLE "category" ADD "required_fields" JSON;
        ALTER TABLE "ticket" ADD "details" JSON;
        CREATE VIRTUAL TABLE "article_fts" USING fts5(
            "title_en", "title_ru", "body_en", "body_ru", content='article', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2');
        CREATE TRIGGER "article_fts_insert" AFTER INSERT ON "article" BEGIN
            INSERT INTO "article_fts" ("rowid", "title_en", "title_ru", "body_en", "body_ru")
            VALUES (new."id", new."title_en", new."title_ru", new."body_en", new."body_ru");
        END;
        CREATE TRIGGER "article_fts_update" AFTER UPDATE ON "article" BEGIN
            INSERT INTO "article_fts" ("article_fts", "rowid", "title_en", "title_ru", "body_en", "body_ru")
            VALUES ('delete', old."id", old."title_en", old."title_ru", old."body_en", old."body_ru");
            INSERT INTO "article_fts" ("rowid", "title_en", "title_ru", "body_en", "body_ru")
            VALUES (new."id", new."title_en", new."title_ru", new."body_en", new."body_ru");
        END;
        CREATE TRIGGER "article_fts_delete" AFTER DELETE ON "article" BEGIN
            INSERT INTO "article_fts" ("article_fts", "rowid", "title_en", "title_ru", "body_en", "body_ru")
            VALUES ('delete', old."id", old."title_en", old."title_ru", old."body_en", old."body_ru");
        END;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TRIGGER IF EXISTS "article_fts_delete";
        DROP TRIGGER IF EXISTS "article_fts_update";
        DROP TRIGGER IF EXISTS "article_fts_insert";
        DROP TABLE IF EXISTS "article_fts";
        ALTER TABLE "category" DROP COLUMN "required_fields";
        ALTER TABLE "ticket" DROP COLUMN "details";
        DROP TABLE IF EXISTS "deflection";
        DROP TABLE IF EXISTS "article";"""


MODELS_STATE = (
    "eJztXXtz2za2/yoY/bP2XMU3dWIn193ZGcVWEt/aVsZS+tiqw0IiJHFNASwJ2tHu7Xe/AN"
    "8PkCIlkqJYzHRSi8QBwd8BAZz3f3proiLdOhssEaa9K/CfHoZrxP6I3+iDHjSM8DK/QOFM"
    "d1rCoMnMoiac834WULcQu6Qia25qBtUIZlexrev8IpmzhhpehpdsrP1hI4WSJaIrZLIbv/"
    "7GLmtYRd+Q5f80npSFhnQ1NlBN5c92rit0YzjXbjH96DTkT5spc6Lbaxw2NjZ0RXDQWnOH"
    "z14DmZAi3j01bT58PjrvNf03ckcaNnGHGKFR0QLaOo287kwJr/UU5WE0UcbDiaL0SgA0J5"
    "iDy4ZqOW+/5EN4df7d23dv37+5fPueNXGGGVx596f76BAYl9CB52HS+9O5Dyl0WzgYh6BS"
    "pKOlCdeKCN0P2jIT4AThdqR9XNsO9f+cn7958+789ZvL9xdv3727eP86wDx9Kw/8D7efOP"
    "6sAWEfi/sJ+QwJGeD8P4X89QqaYtz99gnA2YvsArh/IUQ8/KCbgHwNvyk6wku6Yj+/O3+f"
    "A+ePg8frz4PHE9bqNA7qg3fr3L0Xx9e2kFkW4yjNTjh707adMF++LYDy5dtMkPmtOMYm0T"
    "PwHWJ77WB8ywYE8RylsPZpm5vP4T5WAuve4NPwYXIFHNopHtzc3z6wX+paw71dpvplkZl+"
    "mT3RL5M8YNux9izgwgfCAIZYPNFDogT8M0ZVF/7+ml7DRM9bjUejO97z2rL+0N3lObE2P3"
    "y9/zBkqDugs0YazViyGU6qTTclsY5QSbCLg61DvLTZV1dm/Y7SdG/9LrJJZm+RqQ1ShxZV"
    "oGVpS4xUBdI00DcMKKqtURbYafoE6KrXwZn/x/GxIAfzye39cDwZ3H+JzfibwWTI75w7Vz"
    "eJqyfJpT3oBPx0O/kM+E/wz9HD0EGTWHRpOk8M203+2eNjgjYlCiYvClSjmPiX/Usxjs9N"
    "xHHfgddxygq43LoDKXtBdYT1jTcDj4Tt3seS4jqXpRdPEcGPX5jB+dMLNFUldidykjA0Jp"
    "8/IWwJdjiP9uMPj0iHDrrpieBrFAxtwrs52o89vBrOhsihF1kGa6CxN1AWxNwPq2uGzZKY"
    "m45itUaWxfbjPSfUvdtLRzEKtlCqzZ8Q3ROridNJh6DiKxc5J1lrWfrW+nwtXN5UZECTrh"
    "EWQXwP8WZC+L8pqVWM803Q29Hpu7Kg7nsvpyQ0xPFXNfkUZLM1mL7LAFFiOix5Qps43p6q"
    "MOCZ18Ch9O7RlUns5Sq8rMYeymUopCNXVrgejK8HN85WqaSAd+bLGmLWi+oh8Gc/vTWJFO"
    "GRbStHF+5vklIf3il9uFTH1quOPS5VYXmse1HN4BTHtYaPw8HN6OHulyvAxQzCxYxd+FK5"
    "7tBZyJQVtFZlpn6cqhqmHHZtqVlNbphooX0rA3FI0eY5v/P6Umh5yVldkgBLxUY29N1SbK"
    "QUmLa1u/IyQisVl21WXJrome05u/A5Tim53GYuR+XBgtJNlGQnT5SWsbMKKSel+00gnIb3"
    "IzGRtsQ/oKLKj8Bn7LjQzVF8mPAlkLRjs0qoefiziDqdP4YJLoqFLIsNdE+93rXb29jtrD"
    "vY76vfy1f3mFRzF7K0tse71c9V9kQa1anq+TWtLPM8NH6TWqBGvSI1yr5YV7lXWByO0HRS"
    "WqtBG+RiZtrlcXZpJM7FcJ4RdSOczhP0LWOpiJB0AuW8E/Lw50nscOxjeXI/+Pk0dkC+Gz"
    "188ptHsL++G30QQS6a2Vsg79DEbhpy6QLZmFee1LRlL+fd1bTZhroj1+OUkutt4bpAIZNy"
    "TJl7vknlVDIJKqmVSS+iKWGvILQpumqCrzqAbo7OK+5Isqfiaz+vn3Ycy7aqv1LTTKwDEy"
    "0VFUDcPY/IJL6JFTKGLhsDePh6d1dMxcheQUdzur928SboqEPzul7VIqVwvlpnBVWHd/u5"
    "CsZ4u3p1jJ4zLp92Uq3YqFrxib2WWNW13fnJp22zZqD35fNoMroCxopQMsU3o+uv947/E4"
    "PeXjsuUD/e3gxZi2dNRazFj6Pb6yH7RbQ5muLB15tbdg/aqsbuDR5u7weT2xF3psLa2lm5"
    "PHo+hqHXCTu1Uhetg7tRLTQdCU9y2crMCEmbGbujLvP84qIAxqxVJsjOPQHK3jq3A9gxyr"
    "owP5zXWi3qYwe4sp6xMaIGo7t7xzu119oauRiVwDlG1GQUvWHo2txZlv+bzCmir9jTEFw3"
    "g38t89zS/i1SH+dkQfEpmpPAX9d79mk4+4m1gucXl2Wme0jRvcju6l2OLcrkblUxIC3l2p"
    "0g6x7SF4Wcjy9yvI8v0u7Ha82y+BDSK0ieASpC1aAFKrgiTVDSGNESY0QRE1REeZHieuYu"
    "HSeS2vLt2vJ1GGq9px63eNB22yAuqseNz66yjqJ1KicDHbpANRnVr2crJqMK/WrVklFfR9"
    "67M7zfZOyrjH1tw/mwFvGSISfKE5INcEDQOfVJ9cpXYqpIAG7mohC074zoXplfgvSjk0JM"
    "Cxbk7goxJvrD1riCxduFU6z/3/HoISuQMUWa5L02p+D/gK5ZR+hilcNkjkmMvymX4aR3cI"
    "JxvIOky7B0wapzI4mmSNshqjOLXPoSSm+3Nni7peZnBVh3PKQ265Pew/nNC87cN1llGOLZ"
    "DeQTcXYypWCzfoGJOG2RAi4VyZ2jhovHkBfSxvUmKwTmhDxpCKwIGzOAwIRYJWvwhDbfA5"
    "5+CmjUAuPPg1fnF5dAs4Br9wMnEHAl0QxaCDCJ7wksmWjnjCiKduUPmGJMgPeKAL7AzekZ"
    "+N3JMvU7p6XscYMvt8C54vwykGmxpm7eTKBh8KLRFTjhrAALYk4xb8TkT8qhMtycXC75KU"
    "/B9cyGjpdsiH1ATKAiR4RlH4FzzXKTdvUBwqrz7Cn2h8b+4/cx+kYBP48ji34PnOXLJXX/"
    "Ru6IPaKzXr+Id6ZUeDbqj4k2pbOeRWlkzrOEWi7tgCB1yjKf4l8un6LMYFS5KmFumYsw4W"
    "5hA0qMqs3zvDUL9kHqrexmqnK5Wj/IFRdckTr/bNy7q/NH3wyN9bYD1+OUzXD9AHno285k"
    "H6RcLrs5kUvt/FESufNv1WxnnAHKK1o7V52mn9C1RidWq7zSiI2po/0Q6MTcW/18ZVjYaK"
    "sS7IE9QAVrggklWJsDj9j6Hrg6UTa49Yz9ZjfWCCxMsgYrZLKOMHpGpnuBHQZOTv/ru7OU"
    "AqzqzvfQDx1Wzm6RCuNNEcf+N9l+/W88t/5srdEz1O2SYUIBSWecjRqIE0ptAgdarmyLss"
    "9XvF759/IXrGgrWSrmmA4ieeuALJ1+4ODBhWZadIe45ChV9zxr69AyO2USygIdI5I4y2L1"
    "f2EFZ6sxrli/Kd3HG3Mft2zDICZlrHxGepkJnSJscH3mmhmVHcubWaerkgfToDNZXxOAzp"
    "W5+aAHhHm63ONbVHJw5rrZZH5sncx5RZ4ZESjEc5eKBKUMmi+xYMwgxkgkruQCHhBJrMth"
    "rZgIWqSUyTpO1bljcy15k6RFNRv97lpUZTbyrnFdYGJNubI7WgULIbxrtccIrawD2B5GCz"
    "wmTLhbUc8YoeRx23hcwq5z6BTX7eR8fqyPl45mT5iKp+05RoyajYdq2+ngIAFRke9OYEiN"
    "f5XZplQ13m6r+8cAAy8+ENAVpMAi+jNSncAc3yr7NwsYJmH9r3kEEb/zov2bvS57A+L7cR"
    "CDcVhNO4BU37008rbLyHtcoqV029yx5LT7EZcM2YgRyQQQoqgNbxEsWToqTiWdYmXpqMOW"
    "Sw9zA+zrdFw4y0DbIC7qdBxfFAtUjIr4xu0JbtQZ77hWh6LgJhbGjKQZ4nWiAoBlHphDu8"
    "5HOCAUoqL8yROiYu2kR+ox7VP9HGFFBgHU6ZwXHVkK5Oyq3gmyDlh08yS/Oup6P2tOwiiB"
    "ti7PayFCJV3KSriUUbhYKPMVFEsWucVwkqQdktwadm2X2YxlNuPjWzuOS1kqPTK2a0+lH8"
    "5fketZfjg7We6bzs/ZtjlQyCDt1VnR9oWpRNX0o8TpMG4gRwkVRWuDobDvjJp43RzfyV16"
    "ghzMEySRCk8A7z3Emwnh/xY1nRRMjN0utVSO1tl5LyWhwg3e0uSTjh2N0op8F0xiOox4Qp"
    "sAZU/oDpjk3UsptOnKJPZyFdLF9cFCfTe7riQ1rX/mqqo/WutHNGdyaU+gqQ5v9vMU1Qtr"
    "rZhhu63ePlAjPK4efBzfAzafKAIQq06m4T6wCIBgBfXFq4Wm60j13HCAZZvPPPkwT16MGJ"
    "FJ024+Ffa7h8qc8zP1HeUmqu2kbrfCCJJsTbrD5TJoBwTdCw+uJWSHI5/GN7vujd9+r2I3"
    "u6nR/76wsXNSBDNb06mGrTP+2H8cQL1eSw0cKb9nfwh/Wfm9Tiu271suOBhE3M6zjwWR4r"
    "S1Gq9/9aQD79wU0VH+Ju3aTdq1n9hriTfj7UnOfdo2J3/uXX8dT0b3w8erwG08meqcUQ+5"
    "yzhFUzz+ZTwZ3l8Ba2MxIT95Wi1kH6885TlF3wTbR7ZV3G8vzeGlzeGmU6IkDfZ4DXU9u5"
    "haQNUhq+yb83eXwWLDf+StM+P7wd2dNFp1//hTKB23qu3G9BihDC5tzwlXENVhM+6Yu1Se"
    "FFB2aNWszrXChWm3KA8xsYQ5DXNMCimIboxGBnkUyCsf2HD29JLvnDGon8wrH51a2yM8Et"
    "95BQh3P9BDvDYWiPeIblwVIN3xarSCbX6fQrSUwvlqLbZ3lvJ1CTrq0CoST+Kj4adqElTc"
    "sZ66ihKx6Yx82w+mkdNH97J5NKCfdqZWto7an3lb9dSK7rfcasAeYQQmXnZ4MCfGBpAFgM"
    "Dr6AqYbErwGrMmMnQNWV4dEQOaFq82i74JbNfVdClQlv/ai3j6Bynt/Xdml39LqdOjN/sg"
    "ql6XCvVGFeqWpu5cNdSnPTqF+ngy+PjxCjhRKu1Qmu8UZbNvfE3btsLDBNiIFqxSbMjoQL"
    "JkZ5bkcSKTDd1FX6qPWodqjvoo4pOwp8xd/KzeNoiLit3xb3a7Bkmq5ipUzR3G5ScuhgqE"
    "qpScmi1WhWJxzd4/3KfTdp6tsqbc7YcLLZHzl9cgIcv0HTnEuZiUhgpLOHknj44JOY2cMn"
    "IS/Mkz+OEOfAy6DMeurNOeT9Fm6XNHP+vqK9UYcKMTKEA42886QtK8q/Vh/BpqcaoO946d"
    "dCwBdYP+cQbCquciVkbV8mX4cHP78OkKePRTPPavWJErE+cnneKPg9u74Q0fgaYjdYo/3I"
    "2uf+AXvLo+7VDNeDt+in/5zkEhVQe9wTrlGkR5eKzIUJftrxIhkVlWknu5iXi+JVFmrGyP"
    "1AiJBDQJqI6ghfJqzOWUOYmTSifFNq9EBzPFNMPTI7HEmGihGNCE6zLSSIyoxTxojzxim+"
    "zzKRVXGyGRCG9HWEWqbSClZKh4nKoSnFsUMF5LMlAZNZKNfnejRrgEuwPLI2TyMNbmw1ir"
    "vAJaxufD6IgZc/lbpJiQrcEMKfZSYLYM/ab1l06pTGSaROCwnx3VG6fqwoGt6eDeQznBtA"
    "z26tVTi9JreUjTIUSbdrM7iO9RO6HvTuRay/Dd3ztGHEx1CJ+uI4U2x6VLjC1bXCvAtaPR"
    "LUl0w51oj/A0FXED7f7RaR3FvNaIoi+mRkyNbnoCz7fgXj/P6c2ItpIVm45p6+4DWbFpq5"
    "L28m0BHe3l20wVLb+VNKA+I4HpNHPKBu2rsUV3YNpGtN1EFykCsudpQNCB/F512x41Kxhz"
    "emPOK1ITJ9ytUE2r7DZ54mZ1VWpkQaBaoU5JqkUOp5YOFYPo2nzvChhjHX7hHRUpgXEsR1"
    "NZsODAp3cyZ+IOUr86+Y57wkN8vMmWs7zXWLHD1ltzA7g9A021ANS5iXUDKHxC2EtBb6JX"
    "7EFsjTKRCmyvrcUzhoIVxCrPTE9ftDlKZwiosuM95Au369Ja2hhZd45uB46KMdEcMZbv4t"
    "+QIG3GwaFRDnXXv2FhCRzgsk2tXnNpZy1nZy1xQqpzWxsjSl0oUtuZfyt3G7MijbbuXo/c"
    "HXmNgEdkAbY9AKiuNQwGX27BnG0lS2SBE8cnlP+kfcCn6qu5TiwEVsQ2rT44Ozs7TW9gFf"
    "ctS7S0RZmTvT89Q90WiHDZS1VAIBcrWSlEHgqOpFLIeEVecE7WgNj9/M2Kt1TKVA7p/cQ2"
    "ijBTmrOpzJjQw505Ae+Oy0AvV0DV2OZCLZ5WTaNuyjRwQkwwh05Pp06tMJKKc6i4+ynmd2"
    "c2pWxe9sGLqVGKMHhZsX/4HR6KCRgZT1/OxbdApDsDA+xepXxAL8TWVW/LnGKMNL4F+vKe"
    "M7ZXYTo5Ey1sniaOEZ9MfRuw35gxQWNsVqc9d4xsN4ZgaRLb4GP1HmQZzrgw4u/HITh/7Q"
    "yVl01j+7dNM8XKWCKGnKxzMu1CKwVMmXahlXm28tDvbqqthhkwI2opMcFv3wV/2rqtvmto"
    "PtlGGXRDig7mFKke4OOSAVpivWz5kd9VBLblzB8Y8EQH/qh1L+e075sTpb/UMTqetNVfql"
    "VLey1hrZZtGMSkSobzVE794yRh9w4r1UdrLzTTogpbtg32XKS4Am+ZnDTZHXTpeF5hFJDF"
    "oOOj2AFrMbHEWYAzOwRg9jyF15wkaYg/6gRmgJyiTOC74KR1Ifz67H3zR8Ob0dcPd0Pw5X"
    "F4fTu+9ZT2wVnQuckvhV5Wj8PBnfRoK4Vxhc6Dvh9+uZC2BJUMatsa1BaNd9gzSCgaYHFc"
    "GBeND0pMrzYlfh5TSK1rYjtjT4tz4d1+rjzH2zEc/IZbbTeug6PFLSV9sCAmULU1mPbglJ"
    "E75b4AxNYLMq1T8KLRlWOBeEKbPvCys7ALzjUVbsDJkmOfst9U/4gpnvYccwnrTHNvrglm"
    "pO5t1vmad/47Q8OkvztmHecAyLs4PWPUePiMzA1wXUS5HcZBzHnUHAEDmcDtiP2H4HzFR4"
    "wwT8F3xfqeTXvgxDGTsx9sFH32vzn7C5/M2XCXhHWsqc5Vg7f055x/UecXuQXHT/P1Nwt4"
    "QgFwhAKnlclbXY8Hkyn+7uzsog9eAxs7H+TpGbjxh+PC6I7eioMJZhvglm3zBnvlenvwNn"
    "+zplhTeZ+YYcee56ZRZft6pg2JIeAsCz6HHWjdL9Zgf63DwnDQstiqg1As9bf3w3UukJan"
    "Fmnbs1UIHsuLCrZe8y4qEIqoD7KVB0lhNviGiiIbEEhst2EbLEtpfXuGOsYnyFOzHyHKeY"
    "LUYDJMZcNLLOIFj+spOinli+Ko4jtiQWwTVBJZAbKxw0VBXGM0ElUBqhk+o9kbVJbPaBc2"
    "qOqV2ZmBaVsS/ciE6uI1QIcKF3K9ighFV4E4lYRVBOvM5NJvaVyjZBLYVIoAC1LluxKQhg"
    "QSTCGY52XBPJdgZoL5piyYbySYmWC+LQvmWwlmJpgXZcG8kGAKxVFXQVxGFA0pJJwZcCoi"
    "Z9ptiCpCf1oJaoCPSl7KVEpKkklgSyaaqd3C+VmzKOExUb0sK2fYor/d0rmKNd5q7fxMXg"
    "Abn2/5swITY8yKuIIqgEC1Hd8aDE7WiPFoDqa9xbTnGRJ9T7J+ytpZ/SO4tZObA0O/qlO/"
    "M50sX1kGnLPuZ7ZjyzyZEXpmIfNZmyPrzCS6bhvWmXvztM9Nm1McWDMBtHhPoXEZGLptsV"
    "FY3ProGQU19fR7AHVkcgujyZ6JFhQQm261FTpvWsREGKiPXBT4X+6ApaVQWgqPSllYsTUr"
    "+IKKWrMCAmnNktYsac06MmSl3aVWu0t4uiiKb0jRQYAr3qu8E1sK3fEa6nrmshBSdWlFeH"
    "P+7jJYDPiPvHVgfD+4u8sqCCKthN2Qe213bAJ5161eny/nem1kdOZx7extjc7sYAK0yLpp"
    "Qmy5aX0Fi2d23rMk3V7pz3ZaSnt/X9h47uiDZramUw1bZ/yx/+jVxIoc6GvJiiaT49eYHJ"
    "/ndOQvrswyUqYUqJIe76JB0NkRsSTuPXZougKMbooHn4YPk/GVG9pgTbFfSH0cVlK3kmra"
    "w/AIPkPNBSrFofwIxCidDEIsHoToJrObbXasGyEil/AXh9///JQ5xIqJDF2wNOUyQNyBZE"
    "FxFmiWgtFLSdhDIlkrpTjOCw1DQSqQbUgHZA1O6+DK0eJtEtEuWuyc49NWknmljrndexj+"
    "xOjQyxTfPihfHkefHodjdpzRsGKYhB+x2THnp8Ht5Pbh0xV4gRrP5j3FrNHo7sfhzZVrKn"
    "5GKjsM3Y3G/IqTwVttxzGImCoSyAGZWoWgvVRr7Vw3SFbDEeUHqLUazgStDT2jDE5wr5+n"
    "+6PRVlL719RsqVv7RzWatXllafbpHjtW2z7GJrKzrYhJ57ZA3stJzBahqQvnwylaawhjQ9"
    "8E+E7Y1YxJ7LXvxBzOAXMy/HmSrzoNslbdjR4++c2T+tREjVaIl7awxHr2hI7SdC/JYJFV"
    "I3vNSK0YMjNYc1oh1yF2h8TIcUpZHKUtmZKLVEw7rFNe25ayenPChZilgS6dFe4m1tlx4Z"
    "wl9/UTeeFSk6xNmeE8qVskRQbyeI4MGbapU4L8NdTVuwhGktizpr+mIQ7zcDj3M9OGOXdj"
    "STuSXUe2BfGjkg3iCfYjz1gslEjpFPdCtGROTjNKDG0eNMp52/gLeM+XAnij7jf2elZKAx"
    "kSdKdwbnWZIuzZv9C8nKwdknRCHIyLJucXFwWEE9YqUzxx7iVQJrY539nkEVI36NVBvfJn"
    "vXKoMwn6bvjpcXDPPguvhykefLm9AtDQ2F93w8fJlRuR1g57hjMU5YlhUeYbiFN1T0CvXu"
    "MkBcds6LsrOB5XHSXJ9e1c9zFK1lLNqfhRnvnCDiqYAy1bc4+X5ekv3fda2IHbCVLJ5zbz"
    "2fVF2WUbjxJKHreZxzpkq2+gEvJ1KOVZntePnAGtnwGOT/6+7Bd1InnfZt4nDl+qKKy91P"
    "FNFca5S663iuuRwm87cDxNLbndZm7zTL/cqrG7TjLaQYNqSfJUViE5+uEKkCfucv344Llc"
    "O9X3pvjD43Bw/Zk7WEeTHh9eJelha+6mOElTy0+x7Z+iAe3dhKoUseT1kfDaQuw91TIpQs"
    "TEMqxClG84DWt+KhufpkP+SVXksZHZhiufmQyrtdi5K9v7OknXBXtj007YKc+fhKtwTr7R"
    "FGmHVolGko8muRDxytqBEXFqyYv9eBG4vu3AiSit5MOufIDmfKU9IxEHcuMXImQy+rxECI"
    "OKKNT0UvmlIiR7pZZq2XxvPIeUbwqyMXd+KHGsFFDK42V7kvu2bF5Xfm6HbmnwcsAmqCSw"
    "OTmGygEbp+pS8tnKkJVp1OtE1zA1Ymq05IKQoJLIyqLAhwkx9BfQNMalAwyvI10dGchF4w"
    "sT200suvBxOJ483l5PehmLbwUIlwrhPFaM82M4xSj756sqZnGkq+M6kRWexPHDaAxeNgbw"
    "8PXurifc4yqA90ukq45O4MTeXmD6hrnh90Q3TETfUWxj+3sBZH2JtgJsB8tOh84nZP+MVS"
    "E7cj5an8VRyu+Zo+7e7aVDcznuVavhp2oQumM9dRUlYtMZ+bYfTCOnj+LT6Ui+3xhO6Jmn"
    "TN8PJzcJxfC5W6fLejNDRiDLTOsRILott4eCgpZbC6CyTs0NmK8gXiJAFgB6ZUrByWjyOA"
    "ZOOVVzc+rU9oyVNS1DWCRbiDf0dH4OmQmjyUwYZYPW9wpXb9u3X3e8OvsSieliJIR4u4t0"
    "vIc2g97zq26ERTe8yhxeYY5oCofxL+PJ8P4KWBuLonVyrTmMx7QLdTmzV4REmmYExkQHn7"
    "K1ruJU3av8U0e+W76+l3JG8NrLIlfVOyjIJCUdS1dRJElJ7DhbcPuI0Uib03abU5jKcE+V"
    "XOfqGPQTSrnY1GpTLssBMrX5qicQer07/Tx5F4ZtZDWEY/qo+zki6DMyLU/BVPSIGCFps0"
    "y04wmxlvSB/KMqcwh3m3cQ3e9evy5y/n79Ovv8ze8lK5tiKjTVZx/BIyTNn8KP3CE4dUZo"
    "cjP78/8BPa7Ijw=="
)
