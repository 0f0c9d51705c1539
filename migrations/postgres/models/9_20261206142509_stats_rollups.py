from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


# Hand-written beyond what makemigrations generated: the histograms' key index includes
# their sums (a report sums a key range from the index alone), and the backfill below.

# The statistics' roll-ups (bot.services.rollups) counted from the tickets and messages:
# the same figures the services keep in step from now on. The tables are emptied first,
# so bot.services.rollups.rebuild() runs this again to count everything anew.
BACKFILL = """
    DELETE FROM "stats_count";
    DELETE FROM "stats_histogram";
    -- (Only the tickets whose count differs are written.)
    UPDATE "ticket" SET "answers" = a."n"
        FROM (SELECT t."id", COUNT(m."id") AS "n" FROM "ticket" t
            LEFT JOIN "message" m ON m."ticket_id" = t."id" AND m."kind" = 'agent'
            GROUP BY t."id") a
        WHERE a."id" = "ticket"."id" AND "ticket"."answers" <> a."n";
    -- What each ticket counts, keyed as the roll-ups key it; durations in seconds as
    -- Python's total_seconds() gives them, put into rollups.bucket()'s buckets:
    -- ceil(ln(s / FLOOR) / ln(GAMMA)), FLOOR = 0.001 s, GAMMA = 1.02 / 0.98.
    CREATE TEMPORARY TABLE "stats_ticket" AS
    SELECT x.*,
        CASE WHEN x."fs" > 0.001
                THEN CAST(ceil(ln(x."fs" / 0.001) / 0.040005334613699206) AS INTEGER)
            WHEN x."fs" < -0.001
                THEN -CAST(ceil(ln(-x."fs" / 0.001) / 0.040005334613699206) AS INTEGER)
            WHEN x."fs" IS NOT NULL THEN 0 END AS "f",
        CASE WHEN x."rs" > 0.001
                THEN CAST(ceil(ln(x."rs" / 0.001) / 0.040005334613699206) AS INTEGER)
            WHEN x."rs" < -0.001
                THEN -CAST(ceil(ln(-x."rs" / 0.001) / 0.040005334613699206) AS INTEGER)
            WHEN x."rs" IS NOT NULL THEN 0 END AS "r"
    FROM (
        SELECT CAST(t."created_at" AT TIME ZONE 'UTC' AS DATE) AS "day",
            t."department_id", COALESCE(t."assignee_id", 0) AS "assignee_id", t."status_id",
            CAST(COALESCE(t."category_id", 0) AS VARCHAR) AS "category",
            CAST(t."priority_id" AS VARCHAR) AS "priority", c."support_level" AS "level",
            COALESCE(t."csat", 0) AS "csat",
            CASE WHEN t."first_response_due" IS NOT NULL OR t."resolution_due" IS NOT NULL
                THEN 1 ELSE 0 END AS "tracked",
            CASE WHEN (t."first_response_due" IS NOT NULL OR t."resolution_due" IS NOT NULL)
                AND t."sla_state" = 'breached' THEN 1 ELSE 0 END AS "breached",
            -- Alerts have no durations in the statistics.
            CASE WHEN t."source" <> 'alert' THEN CAST(EXTRACT(EPOCH FROM
                t."first_response_at" - t."created_at") AS DOUBLE PRECISION) END AS "fs",
            CASE WHEN t."source" <> 'alert' THEN CAST(EXTRACT(EPOCH FROM
                COALESCE(t."resolved_at", t."closed_at") - t."created_at")
                AS DOUBLE PRECISION) END AS "rs"
        FROM "ticket" t JOIN "customer" c ON c."id" = t."customer_id"
    ) x;
    INSERT INTO "stats_count" ("dim", "grain", "start", "department_id", "assignee_id",
        "status_id", "value", "tickets", "sla_tracked", "sla_breached", "csat_1", "csat_2",
        "csat_3", "csat_4", "csat_5", "answers", "answers_up", "answers_down")
    SELECT k."dim", g."grain",
        CASE g."grain" WHEN 'd' THEN s."day" ELSE CAST(date_trunc('month', s."day") AS DATE) END,
        s."department_id", s."assignee_id", s."status_id",
        CASE k."dim" WHEN 'b' THEN '' WHEN 'c' THEN s."category" WHEN 'p' THEN s."priority"
            WHEN 'l' THEN s."level" ELSE CAST(s."csat" AS VARCHAR) END,
        COUNT(*), SUM(s."tracked"), SUM(s."breached"),
        SUM(CASE WHEN s."csat" = 1 THEN 1 ELSE 0 END),
        SUM(CASE WHEN s."csat" = 2 THEN 1 ELSE 0 END),
        SUM(CASE WHEN s."csat" = 3 THEN 1 ELSE 0 END),
        SUM(CASE WHEN s."csat" = 4 THEN 1 ELSE 0 END),
        SUM(CASE WHEN s."csat" = 5 THEN 1 ELSE 0 END),
        0, 0, 0
    FROM "stats_ticket" s,
        (SELECT 'd' AS "grain" UNION ALL SELECT 'm') g,
        (SELECT 'b' AS "dim" UNION ALL SELECT 'c' UNION ALL SELECT 'p' UNION ALL SELECT 'l'
            UNION ALL SELECT 'r') k
    GROUP BY 1, 2, 3, 4, 5, 6, 7;
    INSERT INTO "stats_count" ("dim", "grain", "start", "department_id", "assignee_id",
        "status_id", "value", "tickets", "sla_tracked", "sla_breached", "csat_1", "csat_2",
        "csat_3", "csat_4", "csat_5", "answers", "answers_up", "answers_down")
    SELECT 'a', g."grain",
        CASE g."grain" WHEN 'd' THEN CAST(t."created_at" AT TIME ZONE 'UTC' AS DATE)
            ELSE CAST(date_trunc('month', t."created_at" AT TIME ZONE 'UTC') AS DATE) END,
        t."department_id", COALESCE(t."assignee_id", 0), 0,
        CAST(COALESCE(m."author_agent_id", 0) AS VARCHAR),
        0, 0, 0, 0, 0, 0, 0, 0, COUNT(*),
        SUM(CASE WHEN m."rating" = 1 THEN 1 ELSE 0 END),
        SUM(CASE WHEN m."rating" = -1 THEN 1 ELSE 0 END)
    FROM "message" m JOIN "ticket" t ON t."id" = m."ticket_id",
        (SELECT 'd' AS "grain" UNION ALL SELECT 'm') g
    WHERE m."kind" = 'agent'
    GROUP BY 1, 2, 3, 4, 5, 6, 7;
    INSERT INTO "stats_histogram" ("dim", "month", "department_id", "assignee_id", "value",
        "metric", "bucket", "tickets")
    SELECT k."dim", CAST(date_trunc('month', s."day") AS DATE), s."department_id",
        s."assignee_id",
        CASE k."dim" WHEN 'b' THEN '' WHEN 's' THEN CAST(s."status_id" AS VARCHAR)
            WHEN 'c' THEN s."category" WHEN 'p' THEN s."priority" WHEN 'l' THEN s."level"
            ELSE CAST(s."csat" AS VARCHAR) END,
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
    return (
        """
        CREATE TABLE IF NOT EXISTS "stats_count" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
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
    "answers" INT NOT NULL,
    "answers_up" INT NOT NULL,
    "answers_down" INT NOT NULL,
    CONSTRAINT "uid_stats_count_dim_363aa7" UNIQUE ("dim", "grain", "start", "department_id", "assignee_id", "status_id", "value")
);
COMMENT ON TABLE "stats_count" IS 'Tickets (or, for dim \"a\", agent answers) with one key, created on one day (grain';
        CREATE TABLE IF NOT EXISTS "stats_histogram" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "dim" VARCHAR(1) NOT NULL,
    "month" DATE NOT NULL,
    "department_id" INT NOT NULL,
    "assignee_id" INT NOT NULL,
    "value" VARCHAR(32) NOT NULL,
    "metric" VARCHAR(1) NOT NULL,
    "bucket" SMALLINT NOT NULL,
    "tickets" INT NOT NULL,
    CONSTRAINT "uid_stats_histo_dim_e9af42" UNIQUE ("dim", "month", "department_id", "assignee_id", "value", "metric", "bucket") INCLUDE ("tickets")
);
COMMENT ON TABLE "stats_histogram" IS 'How many tickets created in one month had a duration (metric \"f\" first response,';
        ALTER TABLE "ticket" ADD "answers" INT NOT NULL DEFAULT 0;"""
        + BACKFILL
    )


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "ticket" DROP COLUMN "answers";
        DROP TABLE IF EXISTS "stats_histogram";
        DROP TABLE IF EXISTS "stats_count";"""


MODELS_STATE = (
    "eJztXXtz2ziS/yoo/bN2neJL7DjJebe2SrGVRDeylLKUeexoiguRkMQ1RXIJ0o53L9/9AL"
    "4fAEVSpERxUTWVsUg0CP4aBPqF7n/3toaCNHwxWCPd7t2Af/d0uEXkj+SNPuhB04wu0ws2"
    "XGpuSxg2WWLbgjLtZwU1jMglBWHZUk1bNXRyVXc0jV40ZNJQ1dfRJUdX/+kgyTbWyN4gi9"
    "z4/Q9yWdUV9B3h4Kf5KK1UpCmJgaoKfbZ7XbJfTPfaSLc/uQ3p05aSbGjOVo8amy/2xtDD"
    "1qo3fPIayII2ot3blkOHT0fnv2bwRt5IoybeEGM0ClpBR7Njr7uUoms9SZpM59JsOJekXg"
    "mAZEOn4JKhYvft13QIry7fvH3/9sPVu7cfSBN3mOGV9z+8R0fAeIQuPJN574d7H9rQa+Fi"
    "HIFqIw2tLbiVWOh+VNdcgFOEu5EOcG071P9zeXl19f7y9dW7D9dv37+//vA6xDx7Kw/8j6"
    "PPFH/SwCAfi/cJBQyJGOD+P4P87QZabNyD9inAyYtUATy4ECEefdCHgHwLv0sa0tf2hvx8"
    "c/khB86fBw+3XwYPZ6TVeRLUiX/r0ruXxNfByCqLcZymEs7+tG0nzO/eFkD53VsuyPRWEm"
    "PL0Dj4DnVn62I8IgOCuowyWAe0h5vP0T5WAuve4PNwMr8BLu1CH9zdjybkl7JV9V6Vqf6u"
    "yEx/x5/o79I8INux+sTgwkeDAAx19kSPiFLwLwlVU/gHa3oDEz1vNZ5Ox7TnLcb/1LzlOb"
    "U2T77dfxwS1F3QSSPV5izZBCfFsV9KYh2jEmAXB1uD+tohX12Z9TtO0731u8gmyd8iMxuk"
    "BrEtQYzVtY4UCdpZoO8IULa6RTyws/Qp0BW/g4vgj9NjQQ7m89H9cDYf3H9NzPi7wXxI71"
    "y6V19SV8/SS3vYCfhlNP8C6E/wt+lk6KJpYHttuU+M2s3/1qNjgo5tSLrxLEEljklwObiU"
    "4LhsIYp7BV4nKWvgcusEUvKCylTXXvwZeCJs9z+WDNepLr16jCl+9MISyo/P0FKkxJ2YJG"
    "GqRD9/RDpm7HA+7aefHpAGXXSzEyGwKJjqnHZzsh97dDWaDTGhF2GTNFDJG0grw9oPq1uC"
    "zdqwXjqK1RZhTPbjPSfUvddLRzEKt1BblR+RvSdWc7eTDkFFVy7j0uCtZdlb28stc3lTkA"
    "kte4t0FsT3UH+ZG/TfjNbKxvku7O3k7F08qPv+y0kpC3HyVS06BclsDafvOkTUsFyWPKKX"
    "JN6+qTDkmd/ApfTv2RvLcNab6LKSeCjVoZCGPF3hdjC7Hdy5W6WUAd6dL1uok14UH4Ef/e"
    "zWxDKEx7atHFt4sEkKe3in7OHCHNusOfa0TIXlse7FLYMLPWk1fBgO7qaT8W83gKoZBlUz"
    "qvCldtuhu5BJG4g3ZaZ+kqoephx3bWnYTG5aaKV+LwNxRNHmOV95fSm0vOSsLmmAhWGDD3"
    "23DBsZA6aDqxsvY7TCcNlmw6WFnsieU4XPSUrB5TZzOa4PFtRu4iSVIlFaxs46tJyM7TeF"
    "cBbeT4aF1LX+Eypq/Ahjxk4L3RzDhwWfQ007MauYlocffHP6nuaqfOuFbUN5s+UF8kV3+7"
    "kWjGQ7YcI4pY+7n2PCeCSvVVXFDmjbrG70vn6Zzqc3wNwYtrHQ76a33+5dLZtA72xdRfvn"
    "0d2QtHhSFURa/Dwd3Q7JL0OVEVHJv92NyD3oKCq5N5iM7gfz0ZSq7Lq6da3qPj0dw9DvhG"
    "xWNmqHsr5SNcTcHflqZIykzYytqEdeXl8XwJi04oLs3mOg7K9sFcBOUDaF+fFsI42YBl3g"
    "ytpfE0QHjCHsne7U3hINx8OoBM4JokPGapqmpsrusvzfhkzUs1fkaQhuD4N/I/Mcq/9ixW"
    "nmxNoHFPUE2RfB/XWzss+BY+zxBl5evysz3SOK7sUP1m/YxjbRHBXJhHYpB0KKrHtIXxcy"
    "cV/n2Livs0burYoxHUJ2BcmLPo5RHTD6OLxysuHHwqXAn+vddSn48WrljJBJosPt1S03Ve"
    "TYIbdRQN+elsjioYFtg7ioMTI5u9pkjgxjVxnGyHhcK98UKcdb1WqI/L2XDCBzh/eHME+K"
    "CKs2yIeNqJcEOVY0Oh/gkKBz5pP6ja+GpSAGuNxFIWzfGdV9z3VBHFgVSkyrFuTuKjGZwP"
    "uCa1aGTqgyjG8qfvyrQsQKj1xEr+zUGpMS/Z6K437nd05Ed8x80Wz1MXd614B1x8OFeJ90"
    "AmwyGDD5Nh7nKeuxwHxxFLD+o4D5xgzD0W3XdpC1Zfi3+rmmjFijXZaM3oQ8QAFbQzdsQ1"
    "dl4BPjPwOP8WRw2yX5TW5sEVhZxhZskEU60tETsrwLROE5O/+vNxe9FKa1d75HmNdxVf4W"
    "nSm5KuIPuuK7g658bxDfuvIENaekdzkk6YyOegD3conMCo0uVw62yefLXq+Ce/kLVryVCA"
    "I9JRk5bx0QeR2PHHOyUi1sVwhni1N1zyDbhMHbPcNVFugEkcBZZNJsRySVyHbXcLY74XU4"
    "mNcBO6ZpWDZh5RPSykzoDOEB12dqw1KIWH6YdboufTALOtH1VQbo1NuTD3pImOfsOb1FJQ"
    "dn6qtJobjUDJkeF14aDLtn7lKRohSxliUWjCXUdcRSV3IBD4kE1uWwliwEsWc4LroyJ6k6"
    "JzY3ctxGON/56HfX+e6YSkWuJykF19vC9QCjGNszOTxdqwJGSK+aiiZGK5KUtIfR2e+bwF"
    "4t41CCUPC4bTwu4dcR6Y3LpDc+bChD2/a8o8QyxGKbGO7BZOQT30GYDLcSLsLOuAhFVEaT"
    "3pL4yDIgz9F3bvBtgqwDKnaeRDD8dZ4QBgJEz+4Hv54nBILxdPI5aB7jwO14+jEF/JPqhu"
    "CVNCPFqISNv4SN34arlSRvIDv8OTepRZq0Q6HPB441EKeSxKmk01s7hGGUP6tP00QmDKP/"
    "iVznGUYrmVL8VADqvsaUEgW12jYNiplT0NakBXj2Naj43ZyepCWMTi2opRUr+pSAt3QZra"
    "JHw9plRsg5GcasoBW+Zbp4VromWbKCVvwwWbp4VuZoXx0VtMJJwjUtfsLbByQTPaLHsCxG"
    "N/t5hsUV3kpW1G7naSmoGjQwHXya3QMyn2wEoK4Aat7qA2wACDZQW71aqZqGFPCs/ougBL"
    "BjPRHRHJO7ZDOzCRDZg1I19ruHiZPyM/Md8Y1xfvPO2eJqDMHgWz5dLpdBOyToXnxtIzEv"
    "FPksvv87m044Vk+/fVqoV2Ub/B/QVNzY9tv7y8rRZQohWDqqZqs6vqCP/esRzKEUn3xzaN"
    "rymRLUaQdpc6jQt/gfwn+svtWk1zFwYzMEg5iHmy8WxJICNups/N3XDny5KWZT+kP4IQ/p"
    "h+x8vYrbb7P59H74cAOCw7bpwpBepQlaY2Khz36bzYf3NwC/YKLkp6XVQv7M+gtEou+M7Y"
    "PvxQzaC/dlafclAYaZ3Xm2hZrGTycUUnXIi3Z1+f5duNjQH3nrzOx+MB4LJ0P3xZ8iTgak"
    "qNWYniAU0ZntkXCzPCY3N4ZVJfcag7JDq2Z9rnAPpkBmqYRxiljAnIU5oYUURDdBI9Iz7s"
    "4ZaIc+nCTCpXPYdc4Z1E9lsUtMrd15AlPfeQ0Ix9MWndbKUBRi9trISRPI2/JqQLrj+RgZ"
    "2/weqRijcql7upOT9Vk7sookT8Gp+mM9Z2HGpKeuomQ49tL4vh9MU7eP7h0cOoB92p1afB"
    "t1MPN22qklLWi504E91RGY++nVgGyYL8BYAQj8jm6ARaYEgQtYyNRUhP1EnCa0MPlBTWpZ"
    "33U9XTILp8Qis8OccLEiNKKIyjFt5lhVOA7s3TbzgPbkbOaz+eDTpxvgHhxoh1280sGHfY"
    "88tG23O86ZB9aaVIoNnA4ESyqzRFTNExaidqOaYyEStQjrrUWYncDC+laL9e04UT1JTZOh"
    "N2VUUb7mFGm+DQf40LBNx322QprSyJ4+SCg2foNyAT95QkXH9JeDCBB8LUeI10eU5Qh0nL"
    "AsniAXULRZsawYJV1/olYTvmgGZCDMj5KOkRw+UPo4UQmNhERH20Il80lIfcDoNhPpih/g"
    "VcaK8nU4uRtNPt8An36hz4IrOHZl7v60F/qnwWg8vKMjUDWkLPSP4+ntT/SCn9a2HVYXfz"
    "PP8C8/tCei6mAsV6cCe2x6uJXlZuNHm8RIRE6LbKlKmt2GlYcopzxlRCIATQOqIYhRXor1"
    "nCyfSVIRYtjmlehoXpbD8PREnCwWWkkmtOC2jDaSIGoxD9qjjzgW+XxKnYqNkQiEdyOsIM"
    "UxkVTyoHeSqhacW3Tcu5HUi+LMBx/97p75oBpsBZbHyIQw1mZhrFUO/5bx+Tg2YsJc+hYZ"
    "JvAtmBHFXgbMlqF/aPulWykCWZbBCLfnn8lNUnVBYDv00dxjxbe0DPb6zVOr0mt5RNMhRA"
    "8dQXeUsKJ2Qt+dc2ctw3f/wBf2UahjhGudKLQ50VpsbMniWgOuHT2bkkY32on2OFymIOqg"
    "3f9sWUcxb/Q80FdLNSzVfukxgtrCe/28eDYz3krUxzmlrbsPRH2cnUbaBsrcs0uCc6csrx"
    "J4RV90B6ZtzNptaCxDAH+ehgQdyM7VtO9RxeGYsxtzXkmQJGG1siCt8tvkqZv11QQR5Vca"
    "hTqjqRYRTrEGJdPQVHnvogwzDX6lHRWpynAqoqkoN3Bk6d2QibqDlG9utuIeU4hPNtkhy/"
    "uNJSdqvfNkv9czUBUMoEZdrC/Aho9I9xPIW+gVeRBZoyykAMdvi2m+T7CBukLzytvPqoyy"
    "5/vr7HgP/cLrurSVNkHWHdHtyKdiLCQjwvIq8Q0p0sMEOByUQ92Nb1hhRgAc39XqNxd+1n"
    "J+1hISUpPb2gzZtgdFZjsLbuVuYzjWaOfu9UDDkbcI+EQYkO0BQGWr6mDwdQRkspWsEQZn"
    "bkwo/Wn3AZ2qr2TNwAhsDMfCfXBxcXGe3cBq7lsUWGmLMYe/Pz1BzWGocPylKiQQi5Wo8y"
    "GEghOp8zHbGM96TkKAxP38zYq2lMrU/ej9QjaKKM+Zu6ksidJDgzkB7Y7qQM83QFHJ5mJj"
    "mhRNtb2EZ+DMsIAM3Z7O3UpfRuacQ83dL3R6d+nYNpmXffBsqbaNdPC8If/QO/QoJiBkNP"
    "k4Vd9Cle4CDHTvqk0H9Gw4muJvmQtdRyrdAgN9zx3bqygZnIVWDk3yRojPFoEPOGhMmKAS"
    "NiuLnjdGshtDsLYMx6Rj9R+ETXdcOqLvRyG4fO0OlRY9I/u3Y3PVykSOhbpyxom0C4dSME"
    "XahVam0MpDv7tZtA7MgKWhlFITgvZdiKdt2uu7hdajY5ZBN6LoYE6R+gE+LR2gJd7Llov8"
    "niGwLTJ/6MBjCfxx716OtB+4E0W81CkGnrQ1XqpVS3sjx1qxY5qGZUuc4Kmc6sVpwu4JK/"
    "Wf1l6pFrYlsmyb5LlI8hTeMjlp+B10STyv8RQQJtDRUVTAmk0scGbgTIQAnTxPohUjjSzE"
    "nzQDckDOUKbwXVHSphB+ffHh8KLh3fTbx/EQfH0Y3o5mI99oH8qC7k16KYqyehgOxiKirR"
    "TGNQYPBnH45Y60pajEobadh9ri5x32PCQUP2BxWhgXPR+Uml5tyuk8s6GNbw3HHXtWnYvu"
    "9nP1OdqO4BA03Om78QIcMfWU9MHKsICibsGiBxeE3C3WBaCOn5GFz8Gzam9cD8QjeukDPz"
    "sLueBeU+ALOFtT7DP+m/ofsdAXPdddQjpTvZtbQyek3m3S+ZZ2/neChmX/3XXruAIg7eL8"
    "glDrwydkvQAvRJT6YVzE3EfJCJjIAl5H5D8E5Q0dMdJpCr4b0vdy0QNnrpuc/CCj6JP/ye"
    "Qv/Uwmw10bpGNVca+atGUw54KLGr1IPThBmq8/YeArBcBVCtxWFm11OxvMF/qbi4vrPngN"
    "HN39IM8vwF0wHA9Gb/Q4CSZYvgCv6Jo/2Bsv2oO2+RNe6KpC+9QJduR5XhpVsq9zfUgEAX"
    "dZCDjsQut9sSb5axuVdYMYk1UHoURWb/+HF1wgPE8tsrbzTQg+y4sqtn7zLhoQipgP+MaD"
    "tDIbfkNFkQ0JBLa7sA2Xpay9nWOOCQjyzOwniHKeIjWYDzPZ8FKLeEFxPUMntHzWOarkjl"
    "gQ2xSVQJaBbEK4KIhrgkagykCVEzPK36B4MaNd2KDqN2ZzD6btSPQjEqqz1wANSlTJ9Ssi"
    "FF0FklQCVhasS4tqv6VxjZMJYDMpAjC0pTclII0IBJhMMC/LgnkpwOSCeVUWzCsBJhfMt2"
    "XBfCvA5IJ5XRbMawEmUx31DMRlVNGIQsDJgVNiBdPuQlRixtMKUEN8FOO5TKWkNJkAtmSi"
    "mcY9nF9UbBv0TFSP5+WMWvR3ezo3icY7vZ1fjGdAxhd4/nDoYkx4ETdQARAojhtbo4OzLS"
    "I8ksGit1r0fEdiEEnWz3g7638E9XZSd2AUV3UedKYZ61fYhDLpfum4vsyzpWFfYGQ9qTLC"
    "F5ahaY6JL7yb533q2lzooTcTQEx7ipzLwNQcTEaBqffRdwqqyvmfAdSQRT2MFnkmWtnAcO"
    "ydvkL3TYu4CEPzkYcC/csbsPAUCk/hSRkLa/ZmhV9QUW9WSCC8WcKbJbxZJ4as8Ls06neJ"
    "pIui+EYUHQS45r3Kl9gy6M62UNO4y0JE1aUV4ery/btwMaA/8taB2f1gPOYVBBFewm7ovY"
    "43Noa+61Wvz9dz/TbidOZp7extPZ3ZwQRosXXTgjr20voyFk9+3rM03V7pzyotpb2/rBxd"
    "du1BS0fVbFXHF/Sxf+01xIoc6BvJiiaS4zeYHJ/mdKQvLi05KVMKVElPdnFA0ImIWBL3Hh"
    "GabgChW+iDz8PJfHbjHW3ACz0opD6LKqnjtJn2ODyCT1D1gMpwKP8EYpxOHEIsfgjRS2a3"
    "fKlYN4JFLuAvDn/w+Uky1CULmRpjacplALsDwYLiLFCxpKPnkrBHRKJWSnGcV6oOGalAdi"
    "Edkh1wWodXThZvy2DtosXknIC2lswrTczt3mT4C6FDzwt9NJG+Pkw/PwxnRJxRdcm0DCpi"
    "EzHnl8FoPpp8vgHPUKXZvBc6aTQd/zy8u/FcxU9IIcLQeDqjV9wM3ko7xCDDUhBDD+BaFc"
    "L2wqxVuW6QqIbDyg/QaDWcOdqaGqcMTnivn2f7s+OthPXvULOlaeufrdq8zYtn2bf32LHa"
    "9jEeIjvbxrBs2WHoezmJ2WI0TeF8PENrA8fY0HcGvnNylTOJ/fadmMM5YM6Hv87zTadh1q"
    "rxdPI5aJ62p6ZqtEJ97TBLrPMndJyme0kGi6wa/DUjs2KIzGCHswp5AbEVEiMnKUVxlLZk"
    "Si5SMe24QXltW8qazQkXYZYFunRWuLtEZ6eFM0/v66fywmUmWZsyw/laN0uLDPXxHB0yat"
    "OkBvl7ZKv3EIwlsSdNf89CHOXhcO9z04a5dxNJO9Jdx7YF9qPSDZIJ9oNn5Iww+VCfRijN"
    "Bw2ZcbbLUlbDiKA7xW7ry+7gLP+B5HL6cUTSCRUuqU5cXl8XUChIK65K4d5LoWw4llzZTR"
    "FRHzASw/ZLlvXKoU603vHw88PgnnwWfg8LffB1dAOgqZK/xsOH+Y13iqwdPgh3KNIjwaLM"
    "N5Ck6p5SXb+VSCh7fOi7q+ydVu0jwfXdXA8wStc/zanSUZ75zA5qmAMtW3NPl+XZLz2INK"
    "jA7RSp4HOb+ezFj1TZxuOEgsdt5rEGyeobmnGCKqblWZ7Xj5gBrZ8Bbhz9vuxndSJ432be"
    "p4QvhXUUvZT4pjDPpguut4rrsWJtFTiepRbcbjO3aXZe6tWobpOMd3BAs6TxWNYgOf3pBh"
    "iPNEz6YeKHSbsV8xb6x4fh4PYLDYqOJyo+vknSx9aqZjjJUotPse2fogmdakpVhljw+kR4"
    "jRF5T6VMWg82sTgKwcoRnIU1P/1MQNOhmKI6cs+IDMG1z0yC1ZYdkMWPmE7TdcHfeOjAaS"
    "ISrVaSvIHssMO8HKEZ0g6tEgdJGJrmQmANqsaIJLXgxX68sA1TlStyIk4r+FCVD9CSN+oT"
    "YnEg98xBjEycGK+SjMLRqQu+hHDDoBRCTnvSwrZzNalPeoReUelywKaoBLA5C0I5YJNUXU"
    "pbWhuyIgF3k+gGBeXLYZuiEsiKcrLHOZwWLKBZjEsfTbuNdXViIBc9mZbabhLn0h6Gs/nD"
    "6Hbe4yy+NSBc6vDfqWKcf/qPjXIgX9Uxi2NdnZZEVngSJ4XRBLxkDGDybTzuMfe4GuD9Gu"
    "uqoxM4tbcXmL5RVvE90Y1SmHcU28T+XgDZQKOtAdvButOHrlO6P2dVKJLczDcN75nd7N7r"
    "pUNzORnbqeqP9SA0Jj11FSXDsZfG9/1gmrp9FJ9OJ/L9JnBCTzTZ9n44eekLhk/dki6bzS"
    "kYg4ybECJEdFdWCAmFLXeWziSdWi9A3kB9jYCxAtAvcAnOpvOHGXALcVov525VyERBzDKE"
    "RfJM+EPPZnYQ+RgOmY+h7NHpvQ5Nt+3bb/rUNPkSDcvDiAnx7kDdZA9tBr0X1GuIyjX4NR"
    "38kg7xRAKz32bz4f0NwC/YRtv0WnOcuF0P6nJurxiJcM0wnIkuPmWrJCWpulczpolMqXR9"
    "z2LML5MUtBflkRJhCbWURxKpMjqWNKFIqoyEOFtw+0jQCJ/Tbp9TlARvT5Nc5zLg91NGuc"
    "TUalMWxAGyVHnTYyi9/p1+nr4LozYij/4pfdT9HBX0CVnYNzAVFRFjJG3WiSpKiI0ksaMf"
    "VRkh3GveQXTfvH5dRP5+/Zovf9N76ZqYus101fNF8BjJ4aXw5reoRuXtjIxwyM3sx/8DON"
    "yrlQ=="
)
