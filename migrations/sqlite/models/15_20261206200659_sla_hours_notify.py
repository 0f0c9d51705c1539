from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

# By hand: the agent update trigger of migration 11 (config_version) re-created with
# the new columns notify_by and private_chat, so changing them stamps the cached
# configuration; on SQLite the new foreign keys are column REFERENCES (SQLite has no
# ADD CONSTRAINT).


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "agent" ADD "notify_by" VARCHAR(16) NOT NULL DEFAULT 'group' /* GROUP: group\nPRIVATE: private */;
        ALTER TABLE "agent" ADD "private_chat" INT NOT NULL DEFAULT 0;
        ALTER TABLE "department" ADD "lead_id" INT REFERENCES "agent" ("id") ON DELETE SET NULL;
        ALTER TABLE "department" ADD "closed_notice" INT NOT NULL DEFAULT 1;
        ALTER TABLE "department" ADD "holidays" JSON;
        ALTER TABLE "department" ADD "time_zone" VARCHAR(64);
        ALTER TABLE "department" ADD "schedule" JSON;
        ALTER TABLE "sla_policy" ADD "breach_agent_id" INT REFERENCES "agent" ("id") ON DELETE SET NULL;
        ALTER TABLE "sla_policy" ADD "breach_action" VARCHAR(16) NOT NULL DEFAULT 'nothing' /* NOTHING: nothing\nNOTIFY_LEAD: notify_lead\nREASSIGN: reassign\nUNASSIGN: unassign */;
        DROP TRIGGER IF EXISTS "config_stamp_agent_update";
        CREATE TRIGGER "config_stamp_agent_update" AFTER UPDATE OF "telegram_id", "name", "username", "role", "active", "on_duty", "language", "notify_by", "private_chat" ON "agent" BEGIN
            INSERT INTO "counter" ("name", "value") VALUES ('config', random() & 9007199254740991) ON CONFLICT ("name") DO UPDATE SET "value" = excluded."value";
        END;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TRIGGER IF EXISTS "config_stamp_agent_update";
        CREATE TRIGGER "config_stamp_agent_update" AFTER UPDATE OF "telegram_id", "name", "username", "role", "active", "on_duty", "language" ON "agent" BEGIN
            INSERT INTO "counter" ("name", "value") VALUES ('config', random() & 9007199254740991) ON CONFLICT ("name") DO UPDATE SET "value" = excluded."value";
        END;
        ALTER TABLE "agent" DROP COLUMN "notify_by";
        ALTER TABLE "agent" DROP COLUMN "private_chat";
        ALTER TABLE "department" DROP COLUMN "lead_id";
        ALTER TABLE "department" DROP COLUMN "closed_notice";
        ALTER TABLE "department" DROP COLUMN "holidays";
        ALTER TABLE "department" DROP COLUMN "time_zone";
        ALTER TABLE "department" DROP COLUMN "schedule";
        ALTER TABLE "sla_policy" DROP COLUMN "breach_agent_id";
        ALTER TABLE "sla_policy" DROP COLUMN "breach_action";"""


MODELS_STATE = (
    "eJztXXtz27aW/yoY/VN7VvGmTpx03Tt3RrGVxFvb8lhKH7fqsJAISbymAJYE7ah3+90X4P"
    "sBUqREUhSLmU5qkTgg+DsggPP+T29NVKRbZ4MlwrR3Cf7Tw3CN2B/xG33Qg4YRXuYXKJzp"
    "TksYNJlZ1IRz3s8C6hZil1RkzU3NoBrB7Cq2dZ1fJHPWUMPL8JKNtT9spFCyRHSFTHbj19"
    "/YZQ2r6Cuy/J/Gk7LQkK7GBqqp/NnOdYVuDOfaDaYfnYb8aTNlTnR7jcPGxoauCA5aa+7w"
    "2WsgE1LEu6emzYfPR+e9pv9G7kjDJu4QIzQqWkBbp5HXnSnhtZ6i3I8myng4UZReCYDmBH"
    "Nw2VAt5+2XfAivzr99+/7td2/evf2ONXGGGVx5/5f76BAYl9CB537S+8u5Dyl0WzgYh6BS"
    "pKOlCdeKCN0P2jIT4AThdqR9XNsO9f+cn7958/789Zt33128ff/+4rvXAebpW3ngf7j5xP"
    "FnDQj7WNxPyGdIyADn/ynkr1bQFOPut08Azl5kF8D9CyHi4QfdBORr+FXREV7SFfv57fl3"
    "OXD+OHi8+jx4PGGtTuOg3nu3zt17cXxtC5llMY7S7ISzN23bCfO7twVQfvc2E2R+K46xSf"
    "QMfIfYXjsY37ABQTxHKax92ubmc7iPlcC6N/g0vJ9cAod2igfXdzf37Je61nBvl6n+rshM"
    "f5c90d8lecC2Y+1ZwIUPhAEMsXiih0QJ+GeMqi78/TW9hometxqPRre857Vl/aG7y3Nibb"
    "7/cvdhyFB3QGeNNJqxZDOcVJtuSmIdoZJgFwdbh3hps6+uzPodpene+l1kk8zeIlMbJCZU"
    "W2yUmWA+F1vBYx00uIwvTWIbZZfxT4+jLw+XwKGd4ofHmx8Hk+ElMEztmY2vHUu5Nxhlvo"
    "K05CKTJG1wpQmuHPFSY1EFWpa2xEhVRNhfM8yotkZZy06aPsEA1evgzP/j+BajHF5Mbu6G"
    "48ng7iHGkGv2hfE7587VTeLqSfLLCDoBP91MPgP+E/xrdD900CQWXZrOE8N2k3/1+JigTY"
    "mCyYsC1Sgm/mX/UozjcxNx3HfgdZyyAi63TjRjL6iOsL7xZuCRsN37WFJc51qlxVNEBcIv"
    "zOD86QWaqhK7EzlTG5pCyRPClmAZ9mg//vCIdOigm54Ivm7N0Ca8m6P92MOr4WyIiH/IMl"
    "gDjb2BsiDmflhdMWyWxNx0FCu2dat7zqZrZECTrlEhFdsxYrRGlsVO73vCdOf20lGMWNfQ"
    "RWBPmMY6fCC6Nu/qBxecx6g2f0J0T7QmTicdgopvg+ScZG2M6Vvr87Vwr1SDVUkA8R3Emw"
    "nh/6ZEyQrWuHaZEbKg7nsvpyQMb/FXNfkUZLM1mL7LAFFiOix5Qps43p4FJuCZ18Ch9O7R"
    "FZN3l6vwshp7KFdNIR25ctHVYHw1uHbOXUoKeGe+rCFmvageAn/10+cckX0xcgbKMTH6Jy"
    "5pZuyUmVFaueq1ch2XBaY81r2owWWK48aYx+HgenR/+8sl4DIr4TLrLnypXI/nLGTKClqr"
    "MlM/TlUNUw67ttRsfTRMtNC+loE4pGjznN95fSm0vOSsLkmApZYsG/puaclS2nDb2l0THq"
    "GVWvA2a8FN9Mz2nF34HKeUXG4zl6PyYEHpJkqyk4Nfy9hZhZSTMiQkEE7D+5GYSFviH1BR"
    "5Ufgintc6OYoPkz4EkjasVkl1Dz8VcQ2wx/DBBfFQpa1vxb0yu1t7HbWHez31e/lq3tMqr"
    "kLWVrb493q5yp7Io3qVPX8mlaWeY5vv0ktUKPO5hplX6yr3CssDkdoOimt1aANcjEz7fI4"
    "uzQS52I4z4i6EU7nCfqasVRESDqBct4JefjzJHY49rE8uRv8fBo7IN+O7j/5zSPYX92OPo"
    "ggF83sLZB3aGI3Dbn0LG/MA1Fq2rKX8+5q2mxD3ZHrcUrJ9bZwXaCQSTmmzD1Ht3IqmQSV"
    "1MqkF9GUsFcQ2hRdNTGtHUA3R+cVdyTZU/G1n9dPO45lW9VfqWkm1oGJlooKIO6ee20S38"
    "QKGUOXjQHcf7m9LaZiZK+go3kFPpbXQUcdmtf1qhYphfPVOitXRXi3n6tgjLerV8foeS3z"
    "aSfVio2qFZ/Ya4lVXdudn3zaNmsGeg+fR5PRJTBWhJIpvh5dfblz/J8Y9PbacYH68eZ6yF"
    "o8aypiLX4c3VwN2S+izdEUD75c37B70FY1dm9wf3M3mNyMuDMV1tbOyuXR8zEMvU7YqbUt"
    "4ZALTUfCk1y2MjNC0mbG7qjLPL+4KIAxa5UJsnNPgLK3zu0AdoyyLswP57VWi/rYAa6sZ2"
    "yMqMFo697xTu21tkYuRiVwjhE1mZzEMHRt7izL/03mFNFX7GkIrpvBv5Z5bml/itTHOcml"
    "fIrmJPDX9Z59Gk4qZa3g+cW7MtM9pOhewozqXY4tyuRuVTEgLeXanSDrHtIXhZyPL3K8jy"
    "/S7sdrzbL4ENIrSJ4BKkIlk2BIE9Tf2BhRxAQVUV6kuJ65S8eJpLZ8u7Z8Hcak76nHLR7d"
    "3jaIi+px47OrrKNoncrJQIcuUE1G9evZismoQr9atWTU15H37gzvNxn7KmNf23A+rEW8ZM"
    "iJks5kAxwQdE59Ur3ylZgqEoCbuSgE7TsjulfmlyD96KQQ04IFubtCjIn+sDWuYPF24RTr"
    "/3c8us8KZEyRJnmvzSn4P6Br1hG6WOUwmWMS42/KZTjpHZxgHO8g6TIsXbDq3Eii+fZ2iO"
    "rMIpe+hNLbrQ3ebqn5WQHWHQ+pzfqk93B+84Iz9818GoZ4dgP5RJydTCnYrF9gIk5bpIBL"
    "RXLnqOHiMeSFtHG9yQqBOSFPGgIrwsYMIDAhVskaPKHN94CnnwIatcD48+DV+cU7oFnAtf"
    "uBEwi4kmgGLQSYxPcElky0c0YURbvyB0wxJsB7RQBf4Ob0DPzuZJn6ndNS9rjBww1wrji/"
    "DGRarKmbNxNoGLxodAVOOCvAgphTzBsx+ZNyqAw3J5dLfspTcD2zoeMlG2IfEBOoyBFh2U"
    "fgXLPcpF19gLDqPHuK/aGx//h9jL5SwM/jyKLfA2f5ckndv5E7Yo/orNcv4p0pFZ6N+mOi"
    "TemsZ1EamfMsoZZLOyBInbLMp/i3y6coMxhVrkqYW+YiTLhb2IASo2rzPG/Ngn2QMla7ma"
    "pcrtYPcsV1rKTOPxv37ur80VdDY73twPU4ZTNcP0Ae+rYz2Qcpl8tuTuRSO3+URO78WzXb"
    "GWeA8orWzpU66id0rdGJ1SqvNGJj6mg/BDox91Y/XxkWNtqqBLtnD1DBmmBCCdbmwCO2vg"
    "euTpQNbj1jv9mNNQILk6zBCpmsI4yekeleYIeBk9P/+vYspQCruvM99EOHlbNbpMJ4U8Sx"
    "/022X/8bz60/W2v0DHW7ZJhQQNIZZ6MG4oRSm8CBlivbouzzFa9X/r38BSvaSpaKOaaDSN"
    "46QNmGujThWnjcy1sNEoTVrAltgLrh4MGFZlp0h7jkKFX3PGvr0DI7ZRLKAh0jkjgXwdm2"
    "kFkW5ihN9wI1O6LgbDXGFes3pft4Y+7jlm0YxKSMlc9ILzOhU4QNrs9cM6OyY3kz63RV8m"
    "AadCbrawLQuTI3H/SAME+Xe3yLSg7OXDebzI+tkzmvyDMjAoV47lKRoJRB8yUWjBnEGInE"
    "lVzAAyKJdTmsFRNBi5QyWcepOndsriVvkrSoZqPfXYuqzEbeNa4LTKwpV3ZHq2AhhHet9h"
    "ihlXUA28NogceECXcr6hkjlDxuG49L2HUOneK6nZzPj/Xx0tHsCVPxtD3HiFGz8VBtOx0c"
    "JCAq8t0JDKnxrzLblKrG2211/xhg4MUHArqCFFhEf0aqE5jjW2W/sYBhEtb/mkcQ8Tsv2p"
    "/sddkbEN+PgxiMw2raAaT67qWRt11G3uMSLaXb5o4lp92PuGTIRoxIJoAQRW14i2DJ0lFx"
    "KukUK0tHHbZcepgbYF+n48JZBtoGcVGn4/iiWKBiVMQ3bk9wo854x7U6FAU3sTBmJM0Qrx"
    "MVACzzwBzadT7CAaEQFeVPnhAVayc9Uo9pn+rnCCsyCKBO57zoyFIgZ1f1TpB1wKKbJ/nV"
    "Udf7WXMSRgm0dXleCxEq6VJWwqWMwsVCma+gWLLILYaTJO2Q5Nawa7vMZiyzGR/f2sEVmc"
    "qfBJc6hMSIuudcXUNNp/kKqbZoP8xOGxylkfmCd88XvCK6psJNqZTNURqJ/e7Yz3XC3Tow"
    "odq87HqeopXLukxS//d1tJPulX9Hrhdyr2RvVs6kFKHokLxXly2Jo1WFIanbacIjc+qIMo"
    "O3bZkq5ArnVXjT9oUpWk+uizgdxgH1KKGiaG0wFPadUROvm+4sc9IHtXYf1EQSXgG8dxBv"
    "JoT/W/Fe2y6DWM5W67yXkjAeB29p8knHZeWUC4ELJjEdRjyhTYCyt1UHTPLupUzpdGUSe7"
    "kK6eKWaKGlnV1Xkjbev3KN5B+t9SOaEzNucE7d7OeZyBfWWjHDdlv9jKFGeEYf8HF8B9h8"
    "oghArDo1DvrAIgCCFdQXrxaariPVcwAGlm0+87IHvGwCYkQmTTsYV9jvHsZ6zs/Ud5SbIn"
    "9nXW67PqLaYlezbfgOl8ugHRB0T3deS7AwR76M+tZvv5fqdjcD/j8WNnZOimBmazrVsHXG"
    "H/vPXr17RmMaXaliyv4QuqViKhHzV6f/nB/VJjgYRALeso8F60ijOt3mfvWkA+/cFFGj/y"
    "Y96pr0qHtiryXejLeXV/Fp21x2onf1ZTwZ3Q0fL4OAtWSRFUY95MFqFE3x+JfxZHh3CayN"
    "xYT85Gm1kGde5cVWKPoq2D6y/fH89tIRr7QjnukUR0uDPV5DXc8u4xpQdcg+8Ob8/btgse"
    "E/8taZ8d3g9lbaVbt//ClUCETVdmN6jFCmtWjPCTfNY3ZzRcxdal4LKDu0albn1OnCtFt8"
    "qZhYwixy6IxIIQXRjdHI8NICFW0CG86eTgGdMwb1kxVtolNre2xp4juvAOHuh5iK18YCka"
    "bRjasCpDvu4CLY5vdxdKEUzldrsb2zlK9L0FGHVpG4f5uGn6pJjXXLeuoqSsSmM/J1P5hG"
    "Th/dyyPWgH7amVrZOmp/5m3VUyu633KrAXuEEZh4dWnAnBgbQBYAAq+jS2CyKcGr25vI0D"
    "VkeRXMDGhavM49+iqwXVfTpUBZ/msvEmMYFNPx35ld/i2lTo/e7IOoel0q1BtVqFuaunO9"
    "cp/26BTq48ng48dL4MTHtkNpvlN8776RvW3bCg8T2itasEqxIaMDyZKdWZLHiUw2dBd9qT"
    "5qHao56qOIT8KeMnfxs3rbIC4qdse/2e0aJKmaq1A1dxiXn7gYKhCqUnJqtlgVisU1e/9w"
    "n07bebbKmnK3Hy60RM5fXoOELNN35BDnYlIaKizh5J08OibkNHLKyEktLM/ghzvwMegyHL"
    "uyTns+RZulzx39rKuvkWfAjU5Eka7ZftYRkuZdrQ/j11CLU3W4d+ykYwmoG/SPMxBWPRex"
    "MqqWh+H99c39p0vg0U/x2L9iRa5MnJ90ij8Obm6H13wEmo7UKf5wO7r6gV/wKgq2QzXj7f"
    "gp/uU7B4VUHfQG65RrEOXhsSJDXba/SoRE5ndL7uUm4pkeRTk5sz1SIyQS0CSgOoIWyqtu"
    "m1NgLU4qnRTbvBIdzBTTDE+PxBJjooViQBOuy0gjMaIW86A98ohtss+nVFxthEQivB1hFa"
    "m2gZSSoeJxqkpwblHAeC1pyGXUSDb63Y0a4RLsDiyPkMnDWJsPY63yCmgZnw+jI2bM5W+R"
    "YkK2BjOkkGl+d9dfOkW6kWkSgcN+dlRvnKoLB7amg3sP5QTTMtirV08tSq/lIU2HEG3aze"
    "4gvkfthL47kWstw3d/7xhxMNUhfLqOFNocly4xtmxxrQDXjka3JNENd6I9wtNUxA20+0en"
    "dRTzWiOKHkyNmBrd9ASeb8G9fp7TmxFtJWtFHtPW3QeyVuRWJW31BZp09IwEptOcCgpe+2"
    "ps0R2YthFtN9FFioDseRoQdCC/V922R80KxpzemPPKKcUJd6ul1Cq7TZ64WV0hJVmKsFao"
    "U5JqkcOppUPFILo237sCxliHD7yjIiUwjuVoKgsWHPj0TuZM3EHqFyffcU94iI832XKW9x"
    "ordth6a24At2egqRaAOjexbgCFTwh7KehN9Io9iK1RJlKB7bW1eMZQsIJY5Znp6Ys2R+kM"
    "AVV2vId84XZdWksbI+vO0e3AUTEmmiPG8l38GxKkzTg4NMqh7vo3LCyBA1y2qdVrLu2s5e"
    "ysJU5IdW5rY0SpC0VqO/Nv5W5jVqTR1t3rkbsjrxHwiCzAtgcA1bWGweDhBszZVrJEFjhx"
    "fEL5T9oHfKq+cmrGghWxTasPzs7OTtMbWMV9yxItbVHmZO9Pz1C3S5XeDgjkYiUrhchDwZ"
    "FUChmvyAvOyRoQu5+/WfGWSpnKIb2f2EYRZkpzNpUZE3q4Myfg3XEZ6OUSqBrbXKjF06pp"
    "1E2ZBk6ICebQ6enUqRVGUnEOFXc/xfzuzKaUzcs+eDE1ShEGLyv2D7/DQzEBI+Ppy7n4Fo"
    "h0Z2CA3auUD+iF2LrqbZlTjJHGt0Bf3nPG9ipMJ2eihc3TxDHik6lvA/YbMyZojM3qtOeO"
    "ke3GECxNYht8rN6DLMMZF0b8/TgE56+dofKyaWz/tmmmWBlLxJCTdU6mXWilgCnTLrQyz1"
    "Ye+t1NtdUwA2ZELSUm+O274E9bt9V3Dc0n2yiDbkjRwZwi1QN8XDJAS6yXLT/yu4rAtpz5"
    "AwOe6MAfte7lnPZ9c6L0lzpGx5O2+ku1ammvJazVsg2DmFTJcJ7KqX+cJOzeYaX6aO2FZl"
    "pUYcu2wZ6LFFfgLZOTJruDLh3PK4wCshh0fBQ7YC0mljgLcGaHAMyep/CakyQN8UedwAyQ"
    "U5QJfBectC6EX5991/zR8Hr05cPtEDw8Dq9uxjee0j44Czo3+aXQy+pxOLhNCpQmgvOVAu"
    "e+10961d6eTCbVSYOum5jQ1Q6p59i9z06iOY/eKZN78/EX5XY4uHauaosNW8ChOsUMtvH4"
    "5tP9JWDvaVnaEk/xl3v/mo3da0kt7WE8QqWHYmPOoP6sL18jUkApgxXTAPuBK+XATVBJYL"
    "dGgUYDhPaMqotGJB0XxkUD6hLTa3sK+ujHXgHCHa+rJ1gaSwcu1qpiopBaV8R2XiCtYwrv"
    "9nOVTLwdA8NvuNWg7HpdW9x82wcLYgJVW4NpD04ZuYMVgNh6QaZ1Cl40unLMok9o0wdeyi"
    "h2wbmmwg04WXIGpIzK1T9iiqc9x4bLOtPcm2uCGal7m3W+5p3/ztAw6e+OrdmRSnkXp2eM"
    "Gg+fkbkBrt86Nw47iDmPmiNgIBO4HbH/+KzhI0aY5wW9ZH3Ppj1w4vjusB9sFH32vzn7C5"
    "/M2XCXhHWsqc5Vg7f0v2v/os4vcrOyn3vwGwt4mgrgaCqcViZvdTUeTKb427Oziz54zc6D"
    "zld5egau/eG4MLqjt+JggtkGuLUkvcFeui5ovM031hRrKu8TM+zY89zczkzYyDRsMwSctc"
    "HnsAOt+9ka7K91+FW5h1aEYvUIvB+ux5M0h7fIBJit1/RYXlTb5jXvolaziCyVLUolJang"
    "GyqKbEAgsd2GbbAspY2AGTpinyDP9neEKOdpdwaTYSpFZ2IRLygSpeik6lEU3BnfEQtim6"
    "CSyAqQjR0uCuIao5GoClDNcGTP3qCyHNm7sEFVb2HLjJbdkn1MVnkQrwE6VLiQ65VpKboK"
    "xKkkrCJYXZ1JaVyjZBLYVN4SC1Ll2xKQhgQSTCGY52XBPJdgZoL5piyYbySYmWC+LQvmWw"
    "lmJpgXZcG8kGAKxVFXQVxGFA0pJJwZcCoiD/9tiCpCJ38JaoCPSl7KlG9LkklgS2a/qt3C"
    "+VmzKOGBmr0sK2fYor/d0rmKNd5q7fxMXgAbn2/5swITY8yKuIIqgEC1HYc/DE7WiPFoDq"
    "a9xbTnGRJ999Z+ytpZ/SO4tZObA0Nnz1O/M50sX1kGnLPuZ7ZjyzyZEXpmIfNZmyPrzCS6"
    "bhvWmXvztM9Nm1McWDMBtHhPoXEZGLptsVFY3ProGQU19fR7AHVkcgujyZ6JFhQQm261FT"
    "pvWsREGKiPXBT4X+6ApaVQWgqPSllYsTUr+IKKWrMCAmnNktYsac06MmSl3aVWu0t4uiiK"
    "b0jRQYAr3qu8E1sK3fEa6nq2w3pA1aUV4c35+3fBYsB/5K0D47vB7W1WlSJpJeyG3Gu7Yx"
    "PIu7a1Xc712siQ8ePa2dsaMt7BrIyRddOE2HJzjQsWz+xkjEm6vXIy7rSU9v6xsLET6Qhm"
    "tqZTDVtn/LH/7NXEihzoa0nVKCt21BifyRPN8hdXZhl5nLZH2ya6aBB0dkQsiXuPHZouAa"
    "Ob4sGn4f1kfOmGNlhTfPVlPBndDR/ZJT/EwkqqaQ/DI/gMNReoFIfyw2ijdDKStngkrZth"
    "c7bZsZiNiFzCXxx+//NT5hArJjJ0wdKUywBxB5IFxVmgWQpGLyVhD4lkAafiOC80DAX5ib"
    "YhHZA1OK2DK0eLt0lEu2ixc45PW0k6qDrmdu9++BOjQy9TfHOvPDyOPj0Ox+w4o2HFMAk/"
    "YrNjzk+Dm4mTaOQFatRJNMIajW5/HF5fuqbiZ6Syw9DtaMyvOGUF1HYcg4ipIoEckKlVCN"
    "pLtdbOxcxkiS5RkoBaS3RN0NrQM2pzBff6ebo/Gm0ltX9NzZa6tX9Uo1mbV5Zmn+6xY7Xt"
    "Y2wiZeSKmHRuC+S9nGyREZq6cD6corWGMDb0VYDvhF3NmMRe+07M4RwwJ8OfJ/mq0yCV3u"
    "3o/pPfPKlPTRSOhnhpe1VCik7oKE33Mp8WWTWy14zUiiHT2zWnFXIdYnfI1h6nlBWb2pK+"
    "vUgZx8M65bVtKas3716IWRro0nnhrmOdHRfOWXJfP5EcLjXJxNn3DuM/4kndIikykMdzZM"
    "iwTZ0S5K+hrt5FMFJZgzX9NQ1xmIfDuZ+ZNsy5G0vakew6si2IH5VsEK/6EXnGYqFE6jm5"
    "F6J1vHKaUWJo86BRztvGX8B7vhTAG3W/sdezUhrIkKA71byryxRhz/6N5uVk7ZCkE+JgXD"
    "Q5v7goIJywVpniiXMvgTKxzfnOJo+QukGvDurVZOyVQ51J0LfDT4+DO/ZZeD1M8eDh5hJA"
    "Q2N/3Q4fJ5duRFo77BnOUJQnhkWZbyBO1T0BvXqNkxQcs6HvruB4XMXdJNe3c93HKFngOa"
    "cMUXnmCzuoYA60bM09Xpanv3Tfa2EHbidIJZ/bzGfXF2WXbTxKKHncZh7rkK2+gUrI16GU"
    "Z3leP3IGtH4GuOU29mS/qBPJ+zbzPnH4UkVh7aWOb6owzl1yvVVcj1Sj3IHjaWrJ7TZzm2"
    "f65VaN3XWS0Q4aVEuSp7IKydEPl4A8cZfrx3vP5dopCTrFHx6Hg6vP3ME6mvT48CpJD1tz"
    "N8VJmlp+im3/FA1o7yZUpYglr4+E1xZi76mWSREiJpZhFaJ8w2lY81PZ+DQd8k+qIo+NzD"
    "Zc+cxkWK3Fzl3Z3tdJui7YG5t2wk55/iRchXPyjaZIO7RKNJJ8NMmFiFfWDoyIU0te7MeL"
    "wPVtB05EaSUfduUDNOcr7RmJOJAbvxAhk9HnJUIYVEShppfKLxUh2Su1VMvme+M5pHxTkI"
    "2580OJY6WAUh4v25Pct2XzuvJzO3RLg5cDNkElgc3JMVQO2DhVl5LPVoasTKNeJ7qGqRFT"
    "oyUXhASVRFYWBT5MiKG/gKYxLh1geBXp6shALhpfmNhuYtGFj8Px5PHmatLLWHwrQLhUCO"
    "exYpwfwylG2T9fVTGLI10d14ms8CSOH0Zj8LIxgPsvt7c94R5XAbwPka46OoETe3uB6Rvm"
    "ht8T3TARfUexje3vBZD1JdoKsB0sOx06n5D9M1aF7Mj5aH0WRym/Z466O7eXDs3luFethp"
    "+qQeiW9dRVlIhNZ+TrfjCNnD6KT6cj+X5jOKFnnjJ9P5zcJBTD526dLuvNDBmBLDOtR4Do"
    "ttweCgpabi2Ayjo1N2C+gniJAFkA6JUpBSejyeMYOOVUzc2pU9szVta0DGGRbCHe0NP5OW"
    "QmjCYzYZQNWt8rXL1t337d8ersSySmi5EQ4u0u0vEe2gx6z6+6ERbd8CpzeIU5oikcxr+M"
    "J8O7S2BtLIrWybXmMB7TLtTlzF4REmmaERgTHXzK1rqKU3Wv8k8d+W75+l7KGcFrL4tcVe"
    "+gIJOUdCxdRZEkJbHjbMHtI0YjbU7bbU5hKsM9VXKdq2PQTyjlYlOrTbksB8jU5queQOj1"
    "7vTz5F0YtpHVEI7po+7niKDPyLQ8BVPRI2KEpM0y0Y4nxFrSB/KPqswh3G3eQXS/ff26yP"
    "n79evs8ze/l6xsiqnQVJ99BI+QNH8KP3KH4NQZocnN7K//BxJJuV4="
)
