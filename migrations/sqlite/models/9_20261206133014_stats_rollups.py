from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


# The statistics' roll-ups (bot.services.rollups) counted from the tickets and messages:
# the same figures the services keep in step from now on. The tables are emptied first,
# so bot.services.rollups.rebuild() runs this again to count everything anew.
BACKFILL = """
    DELETE FROM "stats_count";
    DELETE FROM "stats_histogram";
    UPDATE "ticket" SET "answers" = 0 WHERE "answers" <> 0;
    UPDATE "ticket" SET "answers" = (
            SELECT COUNT(*) FROM "message" m
            WHERE m."ticket_id" = "ticket"."id" AND m."kind" = 'agent')
        WHERE "id" IN (SELECT "ticket_id" FROM "message" WHERE "kind" = 'agent');
    -- What each ticket counts, keyed as the roll-ups key it; durations in seconds as
    -- Python's total_seconds() gives them (microseconds from the stored text: whole
    -- seconds, then the six digits of the fraction), put into rollups.bucket()'s
    -- buckets: ceil(ln(s / FLOOR) / ln(GAMMA)), FLOOR = 0.001 s, GAMMA = 1.02 / 0.98.
    CREATE TEMPORARY TABLE "stats_ticket" AS
    SELECT y.*,
        CASE WHEN y."fs" > 0.001
                THEN CAST(ceil(ln(y."fs" / 0.001) / 0.040005334613699206) AS INTEGER)
            WHEN y."fs" < -0.001
                THEN -CAST(ceil(ln(-y."fs" / 0.001) / 0.040005334613699206) AS INTEGER)
            WHEN y."fs" IS NOT NULL THEN 0 END AS "f",
        CASE WHEN y."rs" > 0.001
                THEN CAST(ceil(ln(y."rs" / 0.001) / 0.040005334613699206) AS INTEGER)
            WHEN y."rs" < -0.001
                THEN -CAST(ceil(ln(-y."rs" / 0.001) / 0.040005334613699206) AS INTEGER)
            WHEN y."rs" IS NOT NULL THEN 0 END AS "r"
    FROM (
        SELECT x."day", x."department_id", x."assignee_id", x."status_id", x."category",
            x."priority", x."level", x."csat", x."tracked", x."breached",
            (x."f_us" - x."c_us") / 1000000.0 AS "fs", (x."r_us" - x."c_us") / 1000000.0 AS "rs"
        FROM (
            SELECT date(t."created_at") AS "day",
                t."department_id", COALESCE(t."assignee_id", 0) AS "assignee_id",
                t."status_id", CAST(COALESCE(t."category_id", 0) AS TEXT) AS "category",
                CAST(t."priority_id" AS TEXT) AS "priority", c."support_level" AS "level",
                COALESCE(t."csat", 0) AS "csat",
                CASE WHEN t."first_response_due" IS NOT NULL OR t."resolution_due" IS NOT NULL
                    THEN 1 ELSE 0 END AS "tracked",
                CASE WHEN (t."first_response_due" IS NOT NULL OR t."resolution_due" IS NOT NULL)
                    AND t."sla_state" = 'breached' THEN 1 ELSE 0 END AS "breached",
                CAST(strftime('%s', t."created_at") AS INTEGER) * 1000000
                    + CASE WHEN substr(t."created_at", 20, 1) = '.'
                        THEN CAST(substr(t."created_at", 21, 6) AS INTEGER) ELSE 0 END
                    AS "c_us",
                -- Alerts have no durations in the statistics.
                CASE WHEN t."source" <> 'alert' THEN
                    CAST(strftime('%s', t."first_response_at") AS INTEGER) * 1000000
                    + CASE WHEN substr(t."first_response_at", 20, 1) = '.'
                        THEN CAST(substr(t."first_response_at", 21, 6) AS INTEGER) ELSE 0 END
                    END AS "f_us",
                CASE WHEN t."source" <> 'alert' THEN
                    CAST(strftime('%s', COALESCE(t."resolved_at", t."closed_at")) AS INTEGER)
                        * 1000000
                    + CASE WHEN substr(COALESCE(t."resolved_at", t."closed_at"), 20, 1) = '.'
                        THEN CAST(substr(COALESCE(t."resolved_at", t."closed_at"), 21, 6)
                            AS INTEGER) ELSE 0 END
                    END AS "r_us"
            FROM "ticket" t JOIN "customer" c ON c."id" = t."customer_id"
        ) x
    ) y;
    INSERT INTO "stats_count" ("dim", "grain", "start", "department_id", "assignee_id",
        "status_id", "value", "tickets", "sla_tracked", "sla_breached", "csat_1", "csat_2",
        "csat_3", "csat_4", "csat_5", "first_responses", "resolutions", "answers",
        "answers_up", "answers_down")
    SELECT k."dim", g."grain",
        CASE g."grain" WHEN 'd' THEN s."day" ELSE strftime('%Y-%m-01', s."day") END,
        s."department_id", s."assignee_id", s."status_id",
        CASE k."dim" WHEN 'b' THEN '' WHEN 'c' THEN s."category" WHEN 'p' THEN s."priority"
            WHEN 'l' THEN s."level" ELSE CAST(s."csat" AS TEXT) END,
        COUNT(*), SUM(s."tracked"), SUM(s."breached"),
        SUM(CASE WHEN s."csat" = 1 THEN 1 ELSE 0 END),
        SUM(CASE WHEN s."csat" = 2 THEN 1 ELSE 0 END),
        SUM(CASE WHEN s."csat" = 3 THEN 1 ELSE 0 END),
        SUM(CASE WHEN s."csat" = 4 THEN 1 ELSE 0 END),
        SUM(CASE WHEN s."csat" = 5 THEN 1 ELSE 0 END),
        COUNT(s."f"), COUNT(s."r"), 0, 0, 0
    FROM "stats_ticket" s,
        (SELECT 'd' AS "grain" UNION ALL SELECT 'm') g,
        (SELECT 'b' AS "dim" UNION ALL SELECT 'c' UNION ALL SELECT 'p' UNION ALL SELECT 'l'
            UNION ALL SELECT 'r') k
    GROUP BY 1, 2, 3, 4, 5, 6, 7;
    INSERT INTO "stats_count" ("dim", "grain", "start", "department_id", "assignee_id",
        "status_id", "value", "tickets", "sla_tracked", "sla_breached", "csat_1", "csat_2",
        "csat_3", "csat_4", "csat_5", "first_responses", "resolutions", "answers",
        "answers_up", "answers_down")
    SELECT 'a', g."grain",
        CASE g."grain" WHEN 'd' THEN date(t."created_at")
            ELSE strftime('%Y-%m-01', t."created_at") END,
        t."department_id", COALESCE(t."assignee_id", 0), 0,
        CAST(COALESCE(m."author_agent_id", 0) AS TEXT),
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, COUNT(*),
        SUM(CASE WHEN m."rating" = 1 THEN 1 ELSE 0 END),
        SUM(CASE WHEN m."rating" = -1 THEN 1 ELSE 0 END)
    FROM "message" m JOIN "ticket" t ON t."id" = m."ticket_id",
        (SELECT 'd' AS "grain" UNION ALL SELECT 'm') g
    WHERE m."kind" = 'agent'
    GROUP BY 1, 2, 3, 4, 5, 6, 7;
    INSERT INTO "stats_histogram" ("dim", "month", "department_id", "assignee_id", "value",
        "metric", "bucket", "tickets")
    SELECT k."dim", strftime('%Y-%m-01', s."day"), s."department_id", s."assignee_id",
        CASE k."dim" WHEN 'b' THEN '' WHEN 's' THEN CAST(s."status_id" AS TEXT)
            WHEN 'c' THEN s."category" WHEN 'p' THEN s."priority" WHEN 'l' THEN s."level"
            ELSE CAST(s."csat" AS TEXT) END,
        d."metric", CASE d."metric" WHEN 'f' THEN s."f" ELSE s."r" END, COUNT(*)
    FROM "stats_ticket" s,
        (SELECT 'b' AS "dim" UNION ALL SELECT 's' UNION ALL SELECT 'c' UNION ALL SELECT 'p'
            UNION ALL SELECT 'l' UNION ALL SELECT 'r') k,
        (SELECT 'f' AS "metric" UNION ALL SELECT 'r') d
    WHERE CASE d."metric" WHEN 'f' THEN s."f" ELSE s."r" END IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6, 7;
    DROP TABLE "stats_ticket";
"""


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "stats_count" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "dim" VARCHAR(1) NOT NULL,
    "grain" VARCHAR(1) NOT NULL,
    "start" DATE NOT NULL,
    "department_id" INT NOT NULL,
    "assignee_id" INT NOT NULL,
    "status_id" INT NOT NULL,
    "value" VARCHAR(32) NOT NULL,
    "tickets" INT NOT NULL,
    "sla_tracked" INT NOT NULL,
    "sla_breached" INT NOT NULL,
    "csat_1" INT NOT NULL,
    "csat_2" INT NOT NULL,
    "csat_3" INT NOT NULL,
    "csat_4" INT NOT NULL,
    "csat_5" INT NOT NULL,
    "first_responses" INT NOT NULL,
    "resolutions" INT NOT NULL,
    "answers" INT NOT NULL,
    "answers_up" INT NOT NULL,
    "answers_down" INT NOT NULL,
    CONSTRAINT "uid_stats_count_dim_363aa7" UNIQUE ("dim", "grain", "start", "department_id", "assignee_id", "status_id", "value")
) /* Tickets (or, for dim "a", agent answers) with one key, created on one day (grain */;
        CREATE TABLE IF NOT EXISTS "stats_histogram" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "dim" VARCHAR(1) NOT NULL,
    "month" DATE NOT NULL,
    "department_id" INT NOT NULL,
    "assignee_id" INT NOT NULL,
    "value" VARCHAR(32) NOT NULL,
    "metric" VARCHAR(1) NOT NULL,
    "bucket" SMALLINT NOT NULL,
    "tickets" INT NOT NULL,
    CONSTRAINT "uid_stats_histo_dim_e9af42" UNIQUE ("dim", "month", "department_id", "assignee_id", "value", "metric", "bucket")
) /* How many tickets created in one month had a duration (metric "f" first response, */;
        ALTER TABLE "ticket" ADD "answers" INT NOT NULL DEFAULT 0;""" + BACKFILL


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "ticket" DROP COLUMN "answers";
        DROP TABLE IF EXISTS "stats_histogram";
        DROP TABLE IF EXISTS "stats_count";"""


MODELS_STATE = (
    "eJztXXlz2ziW/yoo/TN2reJN7DjJeqamSrGVxNuylLKUPqbVxYFIyOKY1xCkHc9svvsCvA"
    "+AIilSojio6kpbJB5E/R4IvPv9e6CbCtLw2egBGc7gCvx7YEAdkT/SN4ZgAC0rvkwvOHCl"
    "eSNhNGSFHRvKdJ411DAilxSEZVu1HNU0yFXD1TR60ZTJQNV4iC+5hvpPF0mO+YCcDbLJjd"
    "//IJdVQ0HfEQ4/Wo/SWkWaknpQVaHf7V2XnBfLu3ZrOJ+8gfTbVpJsaq5uxIOtF2djGtFo"
    "1X988jOQDR1Ep3dslz4+fbrgZ4a/yH/SeIj/iAkaBa2hqzmJn7uS4msDSZrOFtJ8vJCkQQ"
    "WAZNOg4JJHxd6vf6CP8Or8zdv3bz9cvHv7gQzxHjO68v6H/9UxMD6hB890Mfjh3YcO9Ed4"
    "GMegOkhDDzbUJRa6H9UHLsAZwu1Ih7h2Her/OT+/uHh//vri3YfLt+/fX354HWGev1UE/s"
    "fbzxR/MsAkL4v/CoUMiRng/T+H/PUG2mzcw/EZwMkPqQN4eCFGPH6h9wG5Dr9LGjIenA35"
    "+Ob8QwGcP4/ur7+M7k/IqNM0qNPg1rl/L42vi5FdFeMkTS2cg2XbTZjfvS2B8ru3XJDprT"
    "TGtqlx8B0bru5hfEseCBoyymEd0u5vPcfnWAWsB6PP4+niCni0S2N0c3c7JZ8UXTUGdZb6"
    "uzIr/R1/ob/L8oAcx+oTgwsfTQIwNNgLPSbKwL8iVG3hH+7pLSz0ot14NpvQmXWM/6n523"
    "Nmb55+u/s4Jqh7oJNBqsPZsglOiuu8VMQ6QSXALg+2Bo0Hl7x1VfbvJE3/9u8yhyT/iMwd"
    "kBrEjgQxVh8MpEjQyQN9Q4ByVB3xwM7TZ0BXggnOwj+OjwUFmC9u78bzxejua2rF34wWY3"
    "rn3Lv6krl6kt3ao0nAL7eLL4B+BH+bTccemiZ2HmzvG+Nxi78N6DNB1zElw3yWoJLEJLwc"
    "XkpxXLYRxb0Gr9OUDXC5cwIp+YHKzNBeghV4JGwPXpYc16kuvX5MKH70wgrKj8/QVqTUnY"
    "QkYalEP39EBmaccAHtp5/ukQY9dPMLIbQoWOqCTnO0L3t8NV4NCaEXYYsMUMkvkNamvRtW"
    "1wSbB9N+6SlWOsKYnMc7Lqg7f5aeYhQdoY4qPyJnR6wW3iQ9goruXOa5ydvL8rf0c525vS"
    "nIgrajI4MF8R00XhYm/TentbJxvolmOzp7Fw/qYfDjpIyFOP1TbboEyWqNlu9DhKhpeyx5"
    "RC9pvANTYcSzYIBHGdxzNrbpPmziy0rqS6kOhTTk6wrXo/n16MY7KqUc8N560aFBZlECBH"
    "4M80cTyxCeOLYKbOHhISns4b2yhwtzbLvm2OMyFVbHepC0DC6NtNXwfjy6mU0nv10BqmaY"
    "VM2ow5fGbYfeRiZtIN5UWfppqmaYcti9pWUzuWWjtfq9CsQxRZfXfO39pdT2UrC7ZAEWhg"
    "0+9P0ybOQMmC6ub7xM0ArDZZcNlzZ6ImdOHT6nKQWXu8zlpD5YUrtJktSKROkYO5vQcnK2"
    "3wzCeXg/mTZSH4yfUFnjRxQzdlzoFhg+bPgcadqpVcW0PPzgm9N3NFcVWy8cB8obnRfIF9"
    "8dFlow0uOECeOYXu5hgQnjkfysuip2SNtldWPw9ctsMbsC1sZ0zKVxM7v+dudp2QR6V/cU"
    "7Z9vb8ZkxJOqIDLi59nt9Zh8MlUZEZX8280tuQddRSX3RtPbu9HidkZVdkPVPat6QE+fYR"
    "xMQg4rB3VDWV+rGmKejnw1MkHSZcbW1CPPLy9LYExGcUH27jFQDna2GmCnKNvC/HC2kVZM"
    "gx5wVe2vKaI9xhAOjndp60TD8TGqgHOKaJ+xmpalqbK3Lf+3KRP17BX5NgT1/eDfyjrH6r"
    "9YcZoFsfYhRTNB9mVwf92u7LPnGHu8geeX76os95iif/GDzRu2sUM0R0WyoFPJgZAh6x/S"
    "l6VM3JcFNu7LvJFbVzGmj5DfQYqijxNUe4w+jq4cbfixcCnw13p/XQpBvFo1I2SaaH9ndc"
    "dNFQV2SD0O6NvRElk+NLBrEJc1RqZXV5fMkVHsKsMYmYxr5Zsi5eSoRg2Rvw/SAWTe4/0h"
    "zJMiwqoL8mEr6iVBjhWNzgc4Iuid+aR546tpK4gBLndTiMb3RnXfcV8QCatCienUhtxfJS"
    "YXeF9yz8rRCVWG8U4l079qRKzwyEX0ylatMS3R76g47pa/cyS6Y+6NZquPhcu7Aax7Hi7E"
    "e6VTYJOHAdNvk0mRsp4IzBepgM2nAhYbM0zXcDzbQd6WEdwaFpoyEoO2WTIGU/IFCtBNw3"
    "RMQ5VBQIz/DHzGk4fTV+QzuaEjsLZNHWyQTSYy0BOy/QtE4Tk5/a83Z4MMpo1PvkOY12FV"
    "/g7llFyU8Qdd8N1BF4E3iG9deYKaW9G7HJH0Rkfdg3u5QmWFVrcrFzvk9WXvV+G94g0rOU"
    "oEgR6TjFy0D4i6jgeOOVmrNnZqhLMlqfpnkG3D4O3lcFUFOkUkcBaVNLsRSSWq3bVc7U54"
    "HfbmdcCuZZm2Q1j5hLQqCzpHuMf9mdqwFCKW72efbkofzINOdH2VATr19hSDHhEWOXuOb1"
    "MpwJn6ajIorjRTpunCK5Nh9yzcKjKUItaywoaxgoaBWOpKIeARkcC6GtaSjSD2Dcdld+Y0"
    "Ve/E5lbSbYTznY9+f53vrqXU5HqaUnC9K1wPMUqwPVfD07MqYISMuqVoErSiSEl3GJ1/vw"
    "ns9SoOpQgFj7vG4wp+HVHeuEp54/2GMnTtzDtILEMitonhHkxHPvEdhOlwK+Ei7I2LUERl"
    "tOktST5ZDuQF+s4Nvk2R9UDFLpIIxr8uUsJAiOjJ3ejX05RAMJlNP4fDExy4nsw+ZoB/Ur"
    "0QvIpmpASVsPFXsPE7cL2W5A1khz8XFrXIkvYo9HnPsQYiK0lkJR3f3iEMo/xVfZwmMmEY"
    "/U/kOs8wWsuUEpQCUHc1plRoqNW1ZVDOnIJ0izbg2dWgEkxzfJKWMDp1oJdWoulTCt7Kbb"
    "TKpoZ1y4xQkBnG7KAV/cps86xsT7J0B61kMlm2eVYuta+JDlrRIuGaFj9h/R7JRI8YMCyL"
    "8c1hkWFxjXXJjsdtzZaCqkkD08Gn+R0g68lBABoKoOatIcAmgGADtfWrtappSAHP6r8ISg"
    "C79hMRzTG5Sw4zhwCRT5RqcN4dTJyUn7n3iG+MC4b3zhbXYAgG3/LpcbkK2hFB/+JrW4l5"
    "ocjn8f3f+WzKsXoG47NCvSo74P+ApuLWjt/BX9auIVMIwcpVNUc18Bn92r8ewBxK8Sk2h2"
    "YtnxlBnU6QNYcKfYv/IvzH6ltteh1DNzZDMEh4uPliQaIoYKvOxt8D7SCQmxI2pT+EH3Kf"
    "fsje96u4/jZfzO7G91cgTLbNNob0O03QHhNLY/7bfDG+uwL4BRMlPyutlvJnNt8gEn1nHB"
    "98L2Y4XrgvK7svCTDM6s5zHWoav5xQRNUjL9rF+ft30WZDPxTtM/O70WQinAz9F3/KOBmQ"
    "otZjeopQRGd2R8LN85jc3Jh2ndprDMoe7ZrNucJ9mEKZpRbGGWIBcx7mlBZSEt0UjSjPuL"
    "1moBP5cNIIV65h1ztn0DBTxS61tLbXCcy85w0gnCxbdFw7Q1mI2Xsjp0wg78hrAOme12Nk"
    "HPM7lGKM26Xu6E5O92ftyS6SzoJTjcdmcmEmZKa+omS6zsr8vhtMM2+O/iUO7cE+7S0tvo"
    "06XHlb7dSSFo7c6sCeGQgsgvJqQDatF2CuAQTBRFfAJkuCwAVsZGkqwkEhTgvamHygJrW8"
    "77qZKZmNUxKR2VFNuEQTGtFE5ZA2c6wqHAf2dpt5SHt0NvP5YvTp0xXwEge6YRevlfiwa8"
    "pD1067w+Q8sPakSmzgTCBYUpslomuesBB1G9UCC5HoRdhsL8L8AhbWt0asb4eJ6klrmgy9"
    "KaeK8jWnWPNtOcCHhm263ncrZCiN7BmClGITDKgW8FMkVPRMf9mLAMHXcoR4fUBZjkDHCc"
    "viCXIhRZcVy5pR0s0XarXgi2ZCBsL8KOkEyf4DpQ8TldBKSHR8LNQyn0TUe4xus5ChBAFe"
    "VawoX8fTm9vp5ysQ0C+NeXgFJ64svI/O0vg0up2Mb+gTqBpSlsbHyez6J3ohKGvbDatLcJ"
    "jn+Fcc2hNT9TCWq1eBPQ5NbmW52fjRJgkSUdMi36qSVrdh1SEqaE8ZkwhAs4BqCGJUVGK9"
    "oMpnmlSEGHZ5JzqYl2U/PD0SJ4uN1pIFbahX0UZSRB3mQXf0Edcmr0+lrNgEiUB4O8IKUl"
    "wLSRUTvdNUjeDcoXTvVkovipwPPvr9zfmgGmwNlifIhDDWZWGsUw7/jvH5MDZiwlz6K3JM"
    "4FswY4qdDJgdQ3/f9kuvUwSybZMRbs/PyU1T9UFg23dq7qHiWzoGe/PmqXXlvTym6RGi+4"
    "6gO0hYUTeh70/eWcfw3T3whZ0KdYhwrSOFtiBai40t2VwbwLWnuSlZdOOTaIfkMgVRB+3u"
    "uWU9xbzVfKCvtmraqvMyYAS1RfeGRfFsVnKU6I9zTEf3EIj+OFuNtC20uWe3BOcuWV4n8J"
    "q+6B4s24S129RYhgD+Oo0IelCdq23fo4qjZ84fzEUtQdKE9dqCdMpvU6RuNtcTRLRfaRXq"
    "nKZaRjjFGpQsU1PlnZsyzDX4lU5UpivDsYimot3AgaV3UybqDlK+edWKB0whPj1kiywfDJ"
    "bcePTWzH5/ZqAqGECNulhfgAMfkREUkLfRK/JFZI+ykQLcYCym9T7BBhoKrSvvPKsyyuf3"
    "NznxDvqFP3VlK22KrD+i24GzYmwkI8LyOvENGdL9BDjslUP9jW9YY0YAHN/VGgwXftZqft"
    "YKElKbx9ocOY4PRe44C28VHmM4MWjr6XVPw5F1BAIiDMjxAKCiqwYYfb0FMjlKHhAGJ15M"
    "KP3oDAFdqq9kzcQIbEzXxkNwdnZ2mj/AGp5bNFjpijGHfz49Qc1lqHD8rSoiEJuV6PMhhI"
    "Ij6fMx35jPRkFBgNT94sOKjpSq9P0Y/EIOirjOmXeorIjSQ4M5AZ2O6kDPV0BRyeHiYFoU"
    "TXX8gmfgxLSBDL2ZTr1OX2Yuz6Hh6ZcGvbtyHYesyyF4tlXHQQZ43pB/6B2aigkIGS0+Tt"
    "W3SKU7AyPDv+rQB3o2XU0JjsylYSCVHoGhvuc926u4GJyN1i4t8kaIT5ahDzgcTJigEjYr"
    "y4H/jOQ0huDBNl2LPmvwRdjynstA9PdRCM5fe49Km56R89t1uGplqsZCUzXjRNmFfSmYou"
    "xCJ0toFaHf3ypae2bAylQqqQnh+D7E07bt9dWh/ehaVdCNKXpYU6R5gI9LB+iI97LjIr9v"
    "COyKzB858FgCf9K7VyDth+5EES91jIEnXY2X6tTW3kpaK3Yty7QdiRM8VdC9OEvYP2Gl+W"
    "zttWpjRyLbtkW+F0m+wlulJg1/gj6J5w1mAWECHX2KGliziQXODJyJEGCQ75Nox0gzD/En"
    "zYQckHOUGXzXlLQthF+ffdi/aHgz+/ZxMgZf78fXt/PbwGgfyYLeTXopjrK6H48mIqKtEs"
    "YNBg+GcfjVUtoyVCKpbWtSWzLfYcckoWSCxXFhXDY/KLO8ulTTee5AB1+brvfseXUuvjss"
    "1OfoOIJDOHCr78YPcMTUUzIEa9MGiqqD5QAuCbnXrAtAAz8jG5+CZ9XZeB6IR/QyBEF1Fn"
    "LBu6bAF3DyQLHP+W+a/4qlsRx47hIymerf1E2DkPq3yeQ6nfzvBA3b+bvn1vEEQDrF6Rmh"
    "NsZPyH4Bfogo9cN4iHlfJSNgIRv4E5H/EJQ39ImRQUvwXZG5V8sBOPHc5OQDeYoh+Z9M/j"
    "JOZPK4DyaZWFW8qxYdGa658KJGL1IPTljm608YBEoB8JQCb5RNR13PR4ul8ebs7HIIXgPX"
    "8F7I0zNwEz6OD6P/9DgNJli9AL/pWvCwV360Bx3zJ7w0VIXOaRDsyPf5ZVTJuc71IREEvG"
    "0h5LAHrf/GWuQvPW7rBjEmuw5CqarewQc/uEB4njpkbeebEAKWl1Vsg+F9NCCUMR/wjQdZ"
    "ZTZ6h8oiGxEIbLdhG21LeXs7xxwTEhSZ2Y8Q5SJFarQY56rhZTbxkuJ6jk5o+aw8qvSJWB"
    "LbDJVAloFsSrgoiWuKRqDKQJUTM8o/oHgxo304oJo3ZnMT07YU+hEF1dl7gAYlquQGHRHK"
    "7gJpKgErC9aVTbXfyrgmyQSwuRIBGDrSmwqQxgQCTCaY51XBPBdgcsG8qArmhQCTC+bbqm"
    "C+FWBywbysCualAJMFZjoWon4UhZBHmfDG4Q/1giYErGwjiu/WqGJAiSkEnBw4JVYI+DZE"
    "JWYUuAA1wkcxn6v098qSCWArlkdq3S//RcWOSTP5BjzffDxiuN0/v0kN3uqj/2I+A/J8ob"
    "8aR47xlO97AxUAgeJ6EWEGONER4ZEMloP1chC4v8OTe5jz0Tf/FdRHT53Y8cF2Gk6mmQ+v"
    "sAVlMv3K9TzwJyvTOcPIflJlhM9sU9NcC5/5N0+H1CG/NCIfPICYzhSHRABLczF5Ckx95o"
    "ErW1VO/wyghmzqF7fJd6K1A0zX2erh9n5pGcd2ZPT0UaB/+Q8s/NvCv31UJu6GfbDRG1TW"
    "BxsRCB+s8MEKH+yRISu8ha16C2Ppoiy+MUUPAW74rAokthy6cx1qGndbiKn6tCNcnL9/F2"
    "0G9EPRPjC/G00mvDY2wrfdD73X9Z+Noe+6eLueG4wROcXHdbJ3Nae4h2X7EvumDQ3sF6Nm"
    "bJ78an1Zup2K9tXaSgd/WbuG7NmDVq6qOaqBz+jX/nXQEisKoG+llp9o6dBiSwdaiZT+cG"
    "nFKfQzNlw9l76WjjhKT7FH0ImIWBH3ARGargChWxqjz+PpYn7lJ+TgpXH9bb6Y3Y3vyaUw"
    "MQhnzbSH4RF8gqoPVI5DxXmzSTqROls+ddYvwbh6qdnthEUu4C8Pf/j6STI0JBtZGmNrKm"
    "QAewLBgvIsULFkoOeKsMdEosNPeZzXqgEZBWy2IR2R7XFZR1eOFm/bZJ2i5eSckLaRekFt"
    "rO3BdPwLoUPPS+N2Kn29n32+H8+JOKMakmWbVMQmYs4vo9vF7fTzFXiGKq1BvzTIoNnk5/"
    "HNle8qfkIKEYYmszm94tWdV7ohBpm2ghh6ANeqEI0XZq3a3a5EDydWVYtWezgtkG5pnOZN"
    "0b1hke3PSY4S1r99rZa2rX+O6vAOL55l39nhxOray7iPmoIb03Zkl6HvFZQTTNC0hfPhDK"
    "0tJF+i7wx8F+QqZxEH43uxhgvAXIx/XRSbTqNaa5PZ9HM4PGtPzXQWhsaDG7SRKLugkzT9"
    "K41ZZtfg7xm5HUPUs9ufVcgPiK1RzjtNKVr6dKW+d5k+f4cNyuvaVtZuJcMYszzQlWsZ3q"
    "QmOy6ceXrfMFPNMLfIulTPMNC6WVpkpI8X6JDxmDY1yN9jW72PYKL1Ahn6ex7iuHqMd59b"
    "7M67myo1k506cSywvyo7IN0WIvyOgidMf2lAI5TmvYbMuPqqktUwJuhPi+bmapK4q38guZ"
    "p+HJP0QoVLqxPnl5clFAoyiqtSePcyKJuuLdd2U8TUe4zEcIJGe4NqqBOtdzL+fD+6I69F"
    "MMPSGH29vQLQUslfk/H94srPIuuGD8J7FOmRYFHlHUhT9U+pbt5KJJQ9PvT9VfaOq2OX4P"
    "p2rocYZbv2FvSWqc585gQNrIGO7bnHy/L8mx5GGtTgdoZU8LnLfPbjR+oc40lCweMu81iD"
    "ZPeNzDhh793qLC+aR6yAzq8AL45+V/azJhG87zLvM8KXwkpFryS+KczcdMH1TnE90WKwBs"
    "fz1ILbXeY2rSlNvRr1bZLJCfZoljQfqxokZz9dAfORhknfT4Mwaa/P49L4eD8eXX+hQdHJ"
    "8tqHN0kG2Nr1DCd5avEqdv1VtKBbT6nKEQteHwmvMSK/U6lS1oNNLFIhWJWt87AWl58JaX"
    "oUU9RE7RlRIbjxlUmw0tkBWfyI6SxdH/yN+w6cJiLRei3JG8gOOyyqEZoj7dEusZeCoVku"
    "hNageoxIUwte7MYLx7RUuSYnkrSCD3X5AG15oz4hFgcKcw4SZCJjvE4xCtegLvgKwg2DUg"
    "g53SkL283dpDnpEfqt0KsBm6ESwBZsCNWATVP1qWxpY8iKAtxtomvZqmmrTsUNIUMlkBVN"
    "kA+TnBZuoHmMK6emXSemOjKQy2amZY6bVF7a/Xi+uL+9Xgw4m28DCFdK/jtWjIuz/9goh/"
    "JVE6s4MdVxSWSlF3FaGE3BS54BTL9NJgPmGdcAvF8TU/V0AWfO9hLLN64qviO6cQnznmKb"
    "Ot9LIBtqtA1gO3roddJ1Rvfn7AplipsFpuEdq5vd+bP0aC2nYztV47EZhCZkpr6iZLrOyv"
    "y+G0wzb47yy+lI3t8UTuiJFtveDSe/fMH4qV/SZbs1BROQcQtCRIhuqwohoWjk1taZZFL7"
    "BcgbaDwgYK4BDBpcgpPZ4n4OvEac9sup1xUy1RCzCmGZOhPBo+crO4h6DPusx1A1dXqnpO"
    "muvfttZ02TN9G0fYyYEG8P1E3P0GXQB2G/hrhdQ9DTIWjpkCwkMP9tvhjfXQH8gh2kZ/ea"
    "w8Tt+lBXc3slSIRrhuFM9PCp2iUpTdW/njFtVEql+3seY36bpHC8aI+UCktopD2SKJXRs6"
    "IJZUplpMTZksdHikb4nLb7nOIieDua5HpXAX+YMcqlllaXqiCOkK3KmwFD6Q3uDIv0XRiP"
    "EXX0j+mlHhaooE/IxoGBqayImCDpsk5UU0JspYgdfamqCOH+8B6i++b16zLy9+vXfPmb3s"
    "v2xDQcpqueL4InSPYvhbd/RLUqb+dkhH0eZj/+H58Fh2I="
)
