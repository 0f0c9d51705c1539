from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE "agent" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "telegram_id" BIGINT NOT NULL UNIQUE,
    "name" VARCHAR(128) NOT NULL,
    "username" VARCHAR(64),
    "role" VARCHAR(16) NOT NULL /* AGENT: agent\nADMIN: admin */,
    "active" INT NOT NULL,
    "on_duty" INT NOT NULL,
    "language" VARCHAR(8),
    "last_assigned_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL
);
CREATE TABLE "api_token" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(128) NOT NULL,
    "role" VARCHAR(16) NOT NULL /* ADMIN: admin\nAGENT: agent\nREADONLY: readonly */,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "prefix" VARCHAR(12) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "last_used_at" TIMESTAMP,
    "revoked_at" TIMESTAMP,
    "agent_id" INT REFERENCES "agent" ("id") ON DELETE CASCADE
);
CREATE TABLE "counter" (
    "name" VARCHAR(32) NOT NULL PRIMARY KEY,
    "value" BIGINT NOT NULL
) /* Named monotonic counters; ticket numbers come from here, never from max()+1. */;
CREATE TABLE "customer" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "telegram_id" BIGINT NOT NULL UNIQUE,
    "first_name" VARCHAR(128) NOT NULL,
    "last_name" VARCHAR(128) NOT NULL,
    "username" VARCHAR(64),
    "language" VARCHAR(8),
    "active" INT NOT NULL,
    "support_level" VARCHAR(32) NOT NULL,
    "support_until" DATE,
    "blocked_bot" INT NOT NULL,
    "banned" INT NOT NULL,
    "ban_reason" VARCHAR(255) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "last_seen_at" TIMESTAMP
);
CREATE TABLE "department" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(128) NOT NULL UNIQUE,
    "description" TEXT NOT NULL,
    "visible" INT NOT NULL,
    "staff_chat_id" BIGINT,
    "order" INT NOT NULL,
    "active" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL
);
CREATE TABLE "category" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(128) NOT NULL,
    "color" VARCHAR(16) NOT NULL,
    "order" INT NOT NULL,
    "active" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "department_id" INT NOT NULL REFERENCES "department" ("id") ON DELETE CASCADE,
    "responsible_agent_id" INT REFERENCES "agent" ("id") ON DELETE SET NULL,
    CONSTRAINT "uid_category_departm_2856f8" UNIQUE ("department_id", "name")
);
CREATE TABLE "fsm_record" (
    "key" VARCHAR(255) NOT NULL PRIMARY KEY,
    "state" VARCHAR(255),
    "data" JSON NOT NULL,
    "updated_at" TIMESTAMP NOT NULL
) /* aiogram FSM state and data, so a half-filled wizard survives a restart. */;
CREATE TABLE "priority" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(64) NOT NULL UNIQUE,
    "level" INT NOT NULL UNIQUE,
    "color" VARCHAR(16) NOT NULL,
    "is_default" INT UNIQUE,
    "active" INT NOT NULL
);
CREATE TABLE "processed_update" (
    "update_id" BIGINT NOT NULL PRIMARY KEY,
    "received_at" TIMESTAMP NOT NULL
) /* Update ids already taken, so a re-delivered update is not handled twice. */;
CREATE INDEX "idx_processed_u_receive_293acf" ON "processed_update" ("received_at");
CREATE TABLE "setting" (
    "key" VARCHAR(64) NOT NULL PRIMARY KEY,
    "value" JSON,
    "updated_at" TIMESTAMP NOT NULL
) /* Runtime settings the admin API changes (staff chat, auto-close hours, ...). */;
CREATE TABLE "sla_policy" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(128) NOT NULL,
    "support_level" VARCHAR(32),
    "first_response_minutes" INT NOT NULL,
    "resolution_minutes" INT NOT NULL,
    "warning_ratio" REAL NOT NULL,
    "active" INT NOT NULL,
    "priority_id" INT REFERENCES "priority" ("id") ON DELETE CASCADE
);
CREATE TABLE "status" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(64) NOT NULL UNIQUE,
    "translations" JSON NOT NULL,
    "color" VARCHAR(16) NOT NULL,
    "settable_by" VARCHAR(16) NOT NULL /* ALL: all\nAGENTS: agents\nCUSTOMERS: customers */,
    "available" INT NOT NULL,
    "shown_by_default" INT NOT NULL,
    "customer_can_reply" INT NOT NULL,
    "is_new" INT UNIQUE,
    "is_final" INT NOT NULL,
    "role" VARCHAR(16) UNIQUE /* NEW: new\nIN_PROGRESS: in_progress\nWAITING: waiting\nRESOLVED: resolved\nCLOSED: closed */,
    "order" INT NOT NULL
);
CREATE TABLE "template" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "title" VARCHAR(128) NOT NULL,
    "shortcut" VARCHAR(32) NOT NULL,
    "text" TEXT NOT NULL,
    "language" VARCHAR(8),
    "active" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "department_id" INT REFERENCES "department" ("id") ON DELETE CASCADE
);
CREATE INDEX "idx_template_shortcu_fa1956" ON "template" ("shortcut");
CREATE TABLE "ticket" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "number" INT NOT NULL UNIQUE,
    "subject" VARCHAR(255) NOT NULL,
    "source" VARCHAR(16) NOT NULL /* TELEGRAM: telegram\nAPI: api\nALERT: alert */,
    "alert_kind" VARCHAR(32),
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "first_response_at" TIMESTAMP,
    "resolved_at" TIMESTAMP,
    "closed_at" TIMESTAMP,
    "last_customer_message_at" TIMESTAMP,
    "last_agent_message_at" TIMESTAMP,
    "first_response_due" TIMESTAMP,
    "resolution_due" TIMESTAMP,
    "sla_state" VARCHAR(16) NOT NULL /* OK: ok\nWARNING: warning\nBREACHED: breached */,
    "sla_paused_at" TIMESTAMP,
    "csat" SMALLINT,
    "csat_comment" TEXT,
    "staff_chat_id" BIGINT,
    "staff_message_id" BIGINT,
    "staff_topic_id" BIGINT,
    "archived" INT NOT NULL,
    "customer_unread" INT NOT NULL,
    "assignee_id" INT REFERENCES "agent" ("id") ON DELETE SET NULL,
    "category_id" INT REFERENCES "category" ("id") ON DELETE SET NULL,
    "customer_id" INT NOT NULL REFERENCES "customer" ("id") ON DELETE RESTRICT,
    "department_id" INT NOT NULL REFERENCES "department" ("id") ON DELETE RESTRICT,
    "priority_id" INT NOT NULL REFERENCES "priority" ("id") ON DELETE RESTRICT,
    "status_id" INT NOT NULL REFERENCES "status" ("id") ON DELETE RESTRICT
);
CREATE INDEX "idx_ticket_custome_d4809a" ON "ticket" ("customer_id", "updated_at");
CREATE INDEX "idx_ticket_departm_704991" ON "ticket" ("department_id", "status_id");
CREATE INDEX "idx_ticket_assigne_ae5998" ON "ticket" ("assignee_id", "status_id");
CREATE INDEX "idx_ticket_status__16babe" ON "ticket" ("status_id", "updated_at");
CREATE TABLE "message" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(16) NOT NULL /* CUSTOMER: customer\nAGENT: agent\nNOTE: note\nSYSTEM: system */,
    "text" TEXT NOT NULL,
    "rating" SMALLINT,
    "created_at" TIMESTAMP NOT NULL,
    "edited_at" TIMESTAMP,
    "author_agent_id" INT REFERENCES "agent" ("id") ON DELETE SET NULL,
    "author_customer_id" INT REFERENCES "customer" ("id") ON DELETE SET NULL,
    "ticket_id" INT NOT NULL REFERENCES "ticket" ("id") ON DELETE CASCADE
);
CREATE INDEX "idx_message_ticket__50ce74" ON "message" ("ticket_id", "created_at");
CREATE TABLE "attachment" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(16) NOT NULL /* PHOTO: photo\nDOCUMENT: document\nVIDEO: video\nVOICE: voice\nAUDIO: audio\nANIMATION: animation\nVIDEO_NOTE: video_note */,
    "file_id" VARCHAR(255) NOT NULL,
    "file_unique_id" VARCHAR(128) NOT NULL,
    "file_name" VARCHAR(255) NOT NULL,
    "mime_type" VARCHAR(128) NOT NULL,
    "size" BIGINT NOT NULL,
    "sha256" VARCHAR(64),
    "stored_path" VARCHAR(512),
    "missing" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "message_id" INT NOT NULL REFERENCES "message" ("id") ON DELETE CASCADE
);
CREATE INDEX "idx_attachment_file_un_f4438e" ON "attachment" ("file_unique_id");
CREATE TABLE "message_link" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "side" VARCHAR(16) NOT NULL /* CUSTOMER: customer\nSTAFF: staff */,
    "chat_id" BIGINT NOT NULL,
    "telegram_message_id" BIGINT NOT NULL,
    "message_id" INT NOT NULL REFERENCES "message" ("id") ON DELETE CASCADE,
    "ticket_id" INT NOT NULL REFERENCES "ticket" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_message_lin_chat_id_622681" UNIQUE ("chat_id", "telegram_message_id")
) /* One Telegram copy of a message: routing replies never parses text. */;
CREATE TABLE "outbox" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "chat_id" BIGINT NOT NULL,
    "method" VARCHAR(32) NOT NULL,
    "payload" JSON NOT NULL,
    "status" VARCHAR(16) NOT NULL /* PENDING: pending\nSENDING: sending\nSENT: sent\nFAILED: failed\nBLOCKED: blocked */,
    "due_at" TIMESTAMP NOT NULL,
    "attempts" INT NOT NULL,
    "lease_until" TIMESTAMP,
    "side" VARCHAR(16) /* CUSTOMER: customer\nSTAFF: staff */,
    "ref_param" VARCHAR(32),
    "purpose" VARCHAR(32),
    "dedupe_key" VARCHAR(128) UNIQUE,
    "created_at" TIMESTAMP NOT NULL,
    "sent_at" TIMESTAMP,
    "telegram_message_id" BIGINT,
    "result" JSON,
    "last_error" TEXT,
    "message_id" INT REFERENCES "message" ("id") ON DELETE SET NULL,
    "ref_id" BIGINT REFERENCES "outbox" ("id") ON DELETE SET NULL,
    "ticket_id" INT REFERENCES "ticket" ("id") ON DELETE SET NULL
);
CREATE INDEX "idx_outbox_status_506078" ON "outbox" ("status", "due_at");
CREATE INDEX "idx_outbox_chat_id_0efc15" ON "outbox" ("chat_id", "status");
CREATE TABLE "ticket_event" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(32) NOT NULL,
    "actor_type" VARCHAR(16) NOT NULL /* CUSTOMER: customer\nAGENT: agent\nAPI: api\nSYSTEM: system */,
    "actor_id" INT,
    "actor_name" VARCHAR(128) NOT NULL,
    "data" JSON NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "ticket_id" INT NOT NULL REFERENCES "ticket" ("id") ON DELETE CASCADE
) /* Every change of a ticket (OTRS history). */;
CREATE INDEX "idx_ticket_even_ticket__2452d1" ON "ticket_event" ("ticket_id", "created_at");
CREATE TABLE "aerich" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSON NOT NULL
);
CREATE TABLE "agent_department" (
    "agent_id" INT NOT NULL REFERENCES "agent" ("id") ON DELETE CASCADE,
    "department_id" INT NOT NULL REFERENCES "department" ("id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "uidx_agent_depar_agent_i_41fb6d" ON "agent_department" ("agent_id", "department_id");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        """


MODELS_STATE = (
    "eJztXWtz27i5/iscfcrOUXKyduykbqczii1n1ZUlj6Tsdrve4cAkJPGYt/Jix+3Jfy9A8Q"
    "YSoEiKpCgUXxKLxAtRD0DgfZ/3gn8PDEuFuvtutIGmN7iS/j0wgQHRH+SNoTQAtp1cxhc8"
    "8KgHLUHc5NH1HKDgftZAdyG6pEJXcTTb0ywTXTV9XccXLQU11MxNcsk3tX/6UPasDfS20E"
    "E3fv8DXdZMFX6DbvTRfpLXGtRV4kE1FX93cF32Xu3g2sT0boOG+NseZcXSfcNMGtuv3tYy"
    "49ba7vHRz4AO8CDu3nN8/Pj46cKfGf2i3ZMmTXaPmJJR4Rr4upf6uY9ycm0gy7P5Sl6OV7"
    "I8qACQYpkYXPSobvDrN/gR3p79+OHjh0/nlx8+oSbBY8ZXPn7ffXUCzE4wgGe2GnwP7gMP"
    "7FoEGCegelCHGwcYMg3dz9qGCXBGcD/SEa59h/pPZ2fn5x/P3p9ffrr48PHjxaf3Meb5W0"
    "Xgf558wfijBhZ6WXavUDQgyQAE/+eQv94Ch4571D4DOPohdQCPLiSIJy90F5Ab4JusQ3Pj"
    "bdHHH88+FcD5y2hx/dNo8Qa1+oEEdRbeOtvdI/H1XehUxTgtUwvncNr2E+bLDyVQvvzABB"
    "nfIjF2LJ2B79j0jQDjCXogYCowh3Uk2918TvaxClgPRl/Gs9WVFMg+mKObu8kMfVINzRzU"
    "meqXZWb6JXuiX2bHAG3H2jNlFD5bCGBg0id6IpSB/xFJtYV/tKa3MNGLVuP5fIp7Nlz3n/"
    "puec6szbOvd5/HCPUAdNRI8xhLNsJJ9b3XilinpATY5cHWgbnx0VtXZf1Oy/C3fpfZJNlb"
    "ZG6D1IHrycB1tY0JVRl4eaBvEFCeZkAW2Hn5DOhq2MG76I/TG4ICzFeTu/FyNbq7J2b8zW"
    "g1xnfOgquvmatvskt73In062T1k4Q/Sv+Yz8YBmpbrbZzgG5N2q38M8DMB37Nk03qRgZrG"
    "JLocXSJGXHEgxr3GWJOSDYxy7xRS9APVuam/hjPwRIY9fFlyo45t6fVTyvDDFx6B8vQCHF"
    "Um7qQ0CVtD9vkTNF3KDhfK3v68gDoI0M1PhIhRsLUV7uZkX/bkajIbUkovdG3UQEO/QF5b"
    "zmFYXSNsNpbzyilWBnRdtB8fOKHudr1wilG8hXqa8gS9A7FaBZ1wBBVeuawzi7WW5W8ZZw"
    "Z1eVOhDRzPgCYN4jtgvq4s/G/OaqXjfBP3dnJ8FwvqYfjj5AxDTP5UB09BNFvj6buJEbWc"
    "YEie4CuJd0gVxmMWNggkw3ve1rH8zTa5rBJfim0oqMOdrXA9Wl6PboKtUs4BH8wXA5ioFz"
    "VE4PswvzXRiPDUtlXAhUebpODDueLDBR3bLh17WlRhdawHaWbwwSRZw8V4dDOfTX+7krCZ"
    "YWEzo864NM4dBguZvAXutsrUJ6WaGZTjri0t0+S2A9fatyoQJxJ9nvO115dSy0vB6pIFWB"
    "AbbOj5IjZyBKbv1icvU7KCuOwzcenAZ7Tn1BlnUlKMcp9HOW0PlrRu0iK1IlF6NpxNWDk5"
    "7jeDcB7eW8uB2sb8GZYlP+KYsdNCt4D4cMBLbGkTs4rKPHxn0+kH0lXF7IXnAWVrsAL5kr"
    "vDQgaDbCcojFN6uYcFFMYT+ll1TexIts/mxuD+p/lqfiXZW8uzHsyb+fXXu8DKRtD7RmBo"
    "/zK5GaMWz5oKUYtf5pPrMfpkaQpEJvnXmwm6B3xVQ/dGs8ndaDWZY5Pd1IyAVQ/l8TOMw0"
    "7QZuXBfhjra02H1N2RbUamRPo8sDXtyLOLixIYo1ZMkIN7FJTDla0G2IRkW5gfjxtphRoM"
    "gKvKvxJCHcYQDk53ahvIwtlhVAFnQqjLWE3b1jUlWJb/11KQefYWfRsERjf4tzLPXe1ftD"
    "jNglj7SKKZIPsyuL9vV/fpOMbe3YKzi8sq0z2R4C9+sHli2/WQ5ajKNvAqORAyYvwhfVGK"
    "4r4o4Lgv8iS3obkufoT8ClIUfZyS6jD6OL5ysuHHwqXAnuv8uhTCeLVqJCQp1N1e3XOqoo"
    "CHNJKAvgOZyPKhgX2DuCwZSc6uPtGRcewqhYxMx7WyqUgl3apRIvL3ARlAFjzeH4KeFBFW"
    "fdAPWzEvEXK0aHQ2wLEAd/RJ8+Sr5aiQAi5zUYjbc2O6H7guiIRVYcT0akHm14jJBd6XXL"
    "NycsKUobxT6fSvGhErLHERvbLXaiQ1+gMNx8Pyd07Edsy90XTzsXB6N4A15+FCrFeaABs9"
    "jDT7Op0WGeupwHyRCth8KmAxmWH5phdwB3kuI7w1LKQyUo32MRmDGfoCVTIs0/IsU1OkUN"
    "j9s7QbePRwxiP6jG4YUFo7liFtoYM6MuEzdHYXkMHz5of/+fHdIINp450fEOZ1XJO/Rzkl"
    "52X8Qedsd9B56A1isyvPQPcrepdjEW5s1A7cyxUqK7S6XPmuh15f+noV3StesNKtRBDoKe"
    "nIReuAqOt45JiTtea4Xo1wtrQUf4RsG4R3kMNVFWhCSOAsKmn2I5JKVLtrudqd8Dp05nVw"
    "fdu2HA8N5TPUq0zonGCH6zPmsFSklnezTjdlD+ZBR7a+RgEde3uKQY8Fi5w9p7eoFOCMfT"
    "UZFB91S8Hpwo8WhfcsXCoykiLWssKC8QhME9LMlULAYyGBdTWsZQcCd0ccl12ZSSnu1OZW"
    "0m2E852NPr/Od99Wa446KSlGvS+jHmGUGvZcDc+AVXAhNOuWoknJiiIl/Rno3ftdgfMXpW"
    "+rlL7t1s3dt/XwKH7uVNwLxXVERsWwnUdkKI5wH3HjPhIe+zaZ9PST5UBewW/MwExCjAPz"
    "q0gjGP99RSgDEaJv7kZ//4FQCKbz2ZeoeWoErqfzzxngn7UgPKsixZCSEvxvBf7XA+u1rG"
    "wBPTS2sOBBVpSjsNiO/dAiY0VkrJze2iFIM/asPk36RJBm/42jziLNalEpYZq4diiZUuGw"
    "pb5Ng3J0CjRsfDjLoYRK2M3paVqCdOrBOUupA4EIeCsfsVQ2bahfNEJB1hD1dKX4V2YPVs"
    "qeV0WerpRONMoerJRL+2ridKV4kjCpxVvXWEAF2REDCrOY3BwWEYtr15CdpN3eTBqgWTho"
    "Wbpd3kloPnlQAqYqYXprKLmWBKQt0Ndv15quQ1V60f6FUJJc33lGqrmL7qLNzENA5JNoGu"
    "z3AIoTj2fuPWKTcWFz7ri4Bt3zbOYzGOUqaMcC/MVethIPgZHP4/u35XzGYD3D9lmlXlM8"
    "6f8lXXNb234Hf1n7poIhlB59Tfc0032Hv/avR6BDMT7FdGiW+cwo6riDLB0q7C32i/Bfa2"
    "+16XWM3NgUxSDl4WarBamCca06G38PrYNQb0pxSn8IP2SXfkjuzzK4/rpcze/GiyspSsTM"
    "Hhq4O4UAnz/wYC5/W67Gd1eS++oiIz+rrZbyZzZ/eCD8Rtk+2F7MqL1wX1Z2XyJgqJV/lw"
    "bQdXapmViKIy/a+dnHy3ixwR+K1pnl3Wg6FU4G/tWfMk4GqGr1Bp0QFNGZ/dFw82OMbm4t"
    "p05dLookR6tmc67wHUyRzlIL44ywgDkPM2GFlESXkBGl+/bXk/NiHw6JcOX6Ztw5g4aZCm"
    "fE1NpfQy7znjeAcLqkzWmtDGUhpq+NjBJyrC2vAaQ5r9VH2eYPKNOXHKV5oDuZPLuTk1WE"
    "zJDSzKdmcmGmqCdeUbJ879H6dhhM86AP/hKHOuCng6nF5qijmbeXp5b1qOVeB/bchNIqLL"
    "0lKZb9KllrCUhhR1eSg6YEgktyoK1r0A2LNNrAcdEHTKnlfdfNdEk9VCMVmR3XC0sdUCIO"
    "2DgmZ+5qKsOBvZ8zj2RPjjNfrka3t1dSkDjQD168VuLDoSkPfdvtjpPzQFuTKg0DowMxJL"
    "WHRJyoJhiifqNawBCJc+qaPacuP4EF+9YI+3acqB7S0qTYTTlTlG05JZZvywE+OGzTD75b"
    "RU1xZM9QIgybsEG1gJ8ipYIz+6UTBYJt5Qj1+oi6HIKOEZbFUuQiiT4bljWjpJsv4mmDV9"
    "0CFITZUdIpke4DpY8TldBKSHSyLdSiT2LpDqPbbGiqYYBXFRblfjy7mcy+XEmh/IO5jK64"
    "qSur4KP3YN6OJtPxDX4CTYfqg/l5Or/+GV8IS572g3UJN/Pc+BWH9iRSHMZycRXY4+HkVp"
    "qbjR1tkhIRNS2ye7kOgQuLqkUXFCwkRUVEXJ9fnKM5BboZ0xPxCThwLdvAAUYV5ZkQ6vEY"
    "9Ed99h30+lRK4kyJCIT3I6xC1behXDEvmZRqBOceZSe3UilQpCiw0ec3RQEbXDWGPCUmlL"
    "E+K2O98k/3bJyPQ2miwcW/IjcIbMItkTiIb+sZ+l3TbUHRe+g4FiU6nJ1CSkrxoLB1nUl6"
    "rHCMnsHeNJuCTbWqa3kiwxGiXQd8HSUKpp/Q85Mm1TN8D4/ToGfuHCO66EShLQguomOLFt"
    "cGcOU0lSKLbrITHZALpULsTzw8FYpTzFtNX7l3NMvRvNcBJQYrvjcsCr+y063EcS6ntHUP"
    "JXGcy16StoUTu+mnGzOnLOtQ45q+aA6mbYrttnQaEcCep7EAB8Wk2vY9am78zPmNuegEC1"
    "Kw3ikWvfLbFJmbzR1hIU4LaRXqnKVaRjl1dSDblq4pB58hsNTBPe6ozCECp6Kaiur4R9be"
    "LQWZO1D9GhTXHVCVeLLJHl0+bCz7Seu9iei7niVNdSWgYxfrq+SBJ2iG9c4d+BZ9EVqjHK"
    "hKftjWxeUppS0wVVwG3XvRFJhPR2+y4wPsi13XlVlaQowf1e3ISRwOVCAa8jrxDRnRbgIc"
    "Oh0hvuIbKuzXbS6yS+h5O9Rzi2t0q3BRdVON9q6lCxwca0ApFHIltFhJQDU0UxrdTyQFLW"
    "wb6EpvgghF/NEbShi4t4puuVDaWr7jDqV37979kF9OG+5bnE7RF2qBvVo+A92nGBTsGIVY"
    "QIQoiEMSxBZ1IockJKYlbZNK250F21Rk6Aom/xQp0b4y+cdeb9oPuHZ927YcT2bQ+gXHQG"
    "UFeQhLazuPYK05riejVdtG3wtlpLz61GMrmcsGuwOe8vsbjE9zEXT4KWpgTRcWOFNwRkqA"
    "ib5PxkdvWHmIb3ULMEDOSWbwXWPRthB+/+5T90r7zfzr5+lYul+MryfLSajAx6pgcJPk/x"
    "fj0VT4Wiph3KBbK4oQqRZsmZES4ZZ7wy3TkTgHhq+lQ39OC+OykWuZ6dWn4ljLXUkQmikX"
    "FwspsOOSNsKGO6U3e9hbG45DyjTltnaA6e7c0hTVls2UZuXEYbON86giuKvF4C7sBcI/XH"
    "5k+GJKVPkgu+gQdKDrFXEfjKbTKwnJhYdlLsPTMt0HMyoEskwqgbhZ59lxxgg8A20HVG6E"
    "iu2UtJwwVcqbKu7WejHRdK4Z90gTF/CXhz8+w0gBpowPmaAsTYUDQO9ADEH5IdBc2YQvFW"
    "FPhESsb3mc15oJKA6DfUjHYh1O6/jKyeLtWLRdtJyeE8n2tv7QYDb+FcnBlwdzMpPvF/Mv"
    "i/ESqTOaKduOhVVspOb8OpqsglqdL0DzglqdqNF8+gsuyBkQ9c+4RifSzZf4ShDz05MKnZ"
    "aj0s4CZLIKcXtRvLF23LuI5u48mnsFDVtnhHHH94ZF3J+XbiXYv65mS9vsn6d5rM2LwU1F"
    "AiKGo2QMx9ZyPMWn2HsF4RspmbZwPh7R2nzkBj4fMI8vu2RT1J6LOVwU59hGtSYdmBufWi"
    "KEPaHTMvyFIpVZNdhrRm7FEPED3bFCoqIpZ+HUZSqaqtAGjmckp22XVCpzciJyZG/kSIJZ"
    "HujKsSM3RGenhXPZ6JHcJOtT/EhoddOsyNgeL7AhkzbtHqcWc/U7BFOpL3/gc9VyEO8CW4"
    "LDovF94LpoWkJIv5t8zHQtLNdO41Z847ESdZcI8JMx3ViMsOs//h9UqhmpiQgXdhSp059d"
    "XJTQ6lErpl4f3MugbPmOUv/kk1i6w3CIqLj3oBrqyPScjr8sRnfotQh7eDBH95MrCdga+m"
    "s6XqxwzAR0vH44AoJHkZ8QFlXeAVKKP8u2eapGWFxs6Pm1uETaMm+jHmGUTVsuSKirPvjU"
    "DsRpIv0Z8vybHrn7axXRIUTFOPd5nHdBHHW28bSgGOM+j3FwsknMpUTlzqsPeVE/Ygb0fg"
    "YEweyHDj+tEzH2fR77jPKl0qo9VVLfVHr5JzHqfRr1VF2FGiOelxaj3efRxpWZsD+jPieZ"
    "7qBDWtJ6qkpIzn++kqwnHKu8mIWxykFxiwfz82I8uv4JRyY/Iltc2fYlNjkomwX8emp2Tl"
    "i8iH1+ERWXNsRLA+g606EVyXAUhXB+9vEydmXhD0VerOXdaDqlxPQgWBBKBj3mgB0UmJXj"
    "gc3vOjYwqO8q4/qulWta50Q5mtYdH0C4g7Lucb40aTEWh42FZ9maUnMk0rJiHOqOA3CULa"
    "7QThmBwrDalJhIiqyTb+2b2MGVh52t1uQlRbJdbjqTIWoloc1IcbSaNHfqF/rlG8upWFEu"
    "IyWALVgQqgFLSon6nhRkjxvOzju6xysxyTuyRCB1SVwJGYHq/vyLaAHNY1w5++I61dWJgV"
    "w2+SKz3RCpF4vxcrWYXK8GjMW3AYQr5becKsbFCS50lCP9qolZnOrqtDSy0pOYVEZLHEx/"
    "nPK+pzqBi+r70qdvUjj3QHSTKr2cYkvs7yWQjSzaBrAdbbjOK8zY/oxVoUz9npAaPrCAz9"
    "2uF47mMhk5pZlPzSA0RT3xipLle4/Wt8Ngmgd9lJ9OJ/L+EjjBZ1xP9jCcdhm642e+tMt2"
    "y2alIGPmPMeI7kt8lmHccu9hnahT5zU8N1Oy1hKQdn1Ib+arxVLaashOcV4pJ3FWESyTSh"
    "0++m7TSKVgiWznTrOdqyYmHpSS2Ld3v+2cRPQmWs4OIyrE+8PgyB76DPogKkmeVCQPy5aH"
    "VcvTabrL35ar8d2V5L66HjSya81xouJ2UFdze6VEhGuG4kwM8Kl6EAgpxd+xCG0UA8Trex"
    "5j9kkgUXtxAggRltDICSAiEZ2zlOQyieiEOlty+yBkhM9pv88pqfN0ICXHXZHnYYaUI6ZW"
    "nwp9jaCjKdsBxegN7wyL7F2QtBGlok/ppR4WmKDP0HFDgqmsipgS6bNNVFNDbKVEFH6pqi"
    "jhu+Ycovvj+/dl9O/379n6N76XPfbN9KiuerYKnhLpXgtvf4tqVd/O6Qhdbmbf/wOp69ae"
)
