from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


# Written by hand (the rest is aerich's): the tag table stamps the configuration's
# version as the tables of migration 11 do - tags are read from bot.services.config.


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "tag" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(32) NOT NULL,
    "key" VARCHAR(32) NOT NULL UNIQUE,
    "color" VARCHAR(16) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL
);
        CREATE TABLE IF NOT EXISTS "macro" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(64) NOT NULL,
    "key" VARCHAR(64) NOT NULL UNIQUE,
    "assign_to_me" BOOL NOT NULL,
    "active" BOOL NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "assignee_id" INT REFERENCES "agent" ("id") ON DELETE SET NULL,
    "status_id" INT REFERENCES "status" ("id") ON DELETE SET NULL,
    "template_id" INT REFERENCES "template" ("id") ON DELETE SET NULL
);
        CREATE TABLE IF NOT EXISTS "ticket_tag" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "tag_id" INT NOT NULL REFERENCES "tag" ("id") ON DELETE CASCADE,
    "ticket_id" INT NOT NULL REFERENCES "ticket" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_ticket_tag_ticket__17966f" UNIQUE ("ticket_id", "tag_id")
);
CREATE INDEX IF NOT EXISTS "idx_ticket_tag_tag_id_43a192" ON "ticket_tag" ("tag_id", "ticket_id");
COMMENT ON TABLE "ticket_tag" IS 'A tag on a ticket; its own row (not a hidden M2M table) so that lists filter and';
        CREATE TABLE "macro_tag" (
    "macro_id" INT NOT NULL REFERENCES "macro" ("id") ON DELETE CASCADE,
    "tag_id" INT NOT NULL REFERENCES "tag" ("id") ON DELETE CASCADE
);
CREATE TRIGGER "config_stamp" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "tag" FOR EACH STATEMENT EXECUTE FUNCTION config_stamp();
"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TRIGGER IF EXISTS "config_stamp" ON "tag";
        DROP TABLE IF EXISTS "macro_tag";
        DROP TABLE IF EXISTS "macro";
        DROP TABLE IF EXISTS "ticket_tag";
        DROP TABLE IF EXISTS "tag";"""


MODELS_STATE = (
    "eJztXXtz2za2/yoY/VN7ruKbOnHa6+7sjGIriW9tK2MpbXerDguJkMQ1BXBB0I66t9/9An"
    "w/QIqUSJliMdNJLRAHJH8AD84L5/yntyY6Mu2zwRJh1rsE/+lhuEb8j+SFPuhBy4qaRQOD"
    "M9PtCcMuM5tROBfjLKBpI96kI3tODYsZBPNW7JimaCRz3tHAy6jJwca/HaQxskRshSi/8O"
    "tvvNnAOvqK7OCn9agtDGTqiQc1dHFvt11jG8ttu8Hsg9tR3G2mzYnprHHU2dqwFcFhb8N7"
    "fP4aiEKGxPCMOuLxxdP5rxm8kfekURfvEWM0OlpAx2Sx151pUVtP0+5HE208nGharwJAc4"
    "IFuPxRbfftl+IRXp1/+/a7t9+/eff2e97Ffcyw5bs/vVtHwHiELjz3k96f7nXIoNfDxTgC"
    "lSETLSlcazJ03xvLXIBThNuRDnBtO9T/c37+5s1356/fvPv+4u133118/zrEPHupCPz3Nx"
    "8F/rwD4R+L9wkFExJNgPv/DPJXK0jluAf9U4DzF9kF8KAhQjz6oA8B+Rp+1UyEl2zFf357"
    "/n0BnD8NHq4+DR5OeK/TJKj3/qVz71oSX8dGtCrGcZqdcPaXbTthfve2BMrv3uaCLC4lMa"
    "bEzMF3iJ21i/ENfyCI5yiDdUB7uPUc7WMVsO4NPg7vJ5fApZ3iwfXdzT3/pa8N3Ntlqb8r"
    "s9Lf5S/0d+k54Nux8SSZhfeEAwyxfKFHRCn4Z5yqKfwDnt7AQi/ixqPRrRh5bdv/Nj32nO"
    "LN91/u3g856i7ovJPBclg2x0l32KYi1jEqBXZ5sE2Ilw7/6qrw7zhN9/h3mU0yf4vMbJCY"
    "MGOx0WaS9VyOgycGOCAbX1LiWFXZ+MeH0ZfPl8ClneLPDzc/DSbDS2BR44k/XztYuf8w2n"
    "wFWUUmkyY9IKcJW46Y1dhMg7ZtLDHSNRn21xwzZqxRHtvJ0qcmQPcHOAv+OD5mVDAXk5u7"
    "4XgyuPucmJBr/oWJK+du6ybVepL+MsJBwM83k09A/AT/HN0PXTSJzZbUvWPUb/LPnngm6D"
    "CiYfKsQT2OSdAcNCVmfE6RwH2HuU5S1jDLrVPN+AvqI2xu/BV4JNPufyyZWRdWpcVjzAQi"
    "GmZw/vgMqa4lrsRkasvQGHlE2JawYZ/2w48PyIQuutmFENjWLGMihjnajz1qjVZDTP1Dts"
    "U7GPwNtAWh+2F1xbFZErrpKFZ869b3XE3XyIKUrVEpE9sxYrSGc0r2BOlOjNFVfJBtc+1m"
    "X4S8UTqKER8aegjsCdPYhJ+Jacy7ypBCeZUZ80fE9kRr4g7SIaiEmEDOSZ7gkL20Pl9LZQ"
    "k95NoSiO8g3kyI+DejatewB7TLzZIHdd9/OS3lmEy+KhVLkK/WcPkuQ0QJdafkEW2SePse"
    "qnDO/A4upX+NrShxlquoWU/cVJjukIk8vfFqML4aXLtyqZYB3l0va4j5KLqPwJ/9rBwo87"
    "/GZMQCF2wgkSo3bKfcsMoL2KwX8Lg8VNWx7sUdUlOcdFY9DAfXo/vbf1wCodMTodPvMi+1"
    "2zldRqatoL2qsvSTVPVMysvyloa9sxZFC+NrFYgjijav+Z35Syn2UsBd0gArK2I+9N2yIm"
    "a8BY69u6cgRqu8BG32ElD0xPecXeY5Salmuc2zHNcHS2o3cZKdAiBbNp11aDkZR0sK4Sy8"
    "HwhFxhL/iMoaP8JQ5eNCt8DwQeFzqGknVpXU8vBnGd+VuA1XXDQb2fb+VtArb7SxN1h3sN"
    "/Xvlds7qHM8BhZ1trjX+oXGntinZo09fyaNZb5gYG/KSvQQYPxDca/WM+4V1odjtF0Ultr"
    "wBrkYUad6jh7NArncjjPiL6RLucJ+prDKmIknUC5SEIe/jJJCMcBlid3g19OEwLy7ej+Y9"
    "A9hv3V7ei9DHLZyt4CeYcW9qEhV5H3B4vQVJa2fHbeXUubY+k7znqSUs16W2ZdYpDJBKbM"
    "/UDAaiaZFJWyymSZaEbZKwlthq6eM78dQLfA5pUMJNnT8LVf1E87xLKt5q/MMpPbwGSsog"
    "aIuxd+nMY3xSET6PJnAPdfbm/LmRj5K5hoXkOM5XU4UIfWdbOmRcbgfLXOy+URXe0XGhiT"
    "/Zq1MfpRy2LZKbPiQc2Kj/y15Kau7cFPAW2bLQO9z59Gk9ElsFaEkSm+Hl19uXPjnzj0zt"
    "oNgfrp5nrIezwZOuI9fhrdXA35L2LM0RQPvlzf8GvQ0Q1+bXB/czeY3IxEMBU21i7n8unF"
    "Mwz9QbjU2pbjogvDRFJJLt+YGSNp88TuaMs8v7gogTHvlQuye02Css/ndgA7QdkU5i8Xtd"
    "aI+dgFrmpkbILogKfRe8e7tNfGGnkYVcA5QXTI5C2WZRpzly3/N5kzxF7xuyG4Pgz+jaxz"
    "2/hDZj4uSL4VUBxOA3/drOxz4KRb9gqeX7yrstwjiu4lFKk/5NhmXO/WNQuySqHdKbLuIX"
    "1RKvj4oiD6+CIbfrw2bFs8QpaDFDmgYlQqSYhyQf2FnRFlXFAx40Vm1nN36SSRspZvt5av"
    "ozPpe9pxy59ubxvEZe24ydVVNVC0UeOkoxtsiBnd9GTGyehqv9A4KfppKOy4zTrZG2EEni"
    "ln3MA/zsv/j7wTcWDw+QYQ6jb4gbH8b8iA7cznCOlIvwTPK9Ln/0Am/kW4nzbu1D3+FC8o"
    "WYu/KToDP/OBGcKAjyUGoYivRZt9Y/Oph9iGrnH8EkB+YSHOjYibLSBXdfWg6xTzvf4J2Q"
    "AT4IIGTgxmg/kK4iV/bmgDSkzRX8wxeDbYChjs9KzXL2O9rWSvLVJcOmayPYjakm/YPS5Z"
    "5AWSDLRd9Ch1MMU78FpJ8oiTNBQCcXwOkjSiVS2LSaoO2s0PfPI+58jcEZy23xXf2l0/Tw"
    "asgq3fXUFbAto1l4VIJT9PRNFBgGtOOsy3R+LQeTXOEKPpngetfiMsmf0LzeUxfvkgJ4i6"
    "Z4CtH2UYxi2VhTii6CCfaMRBaTPIHJtDqEsYRr6TLEml7G8SSdjTKjXPSiBhFP87Ht3n+d"
    "nTlGkt0pgz8H/ANOzGgO79beFg92sCM8cwmYHtM3G/vzflDC7AViCV0CgzR4vSp4j6SVVR"
    "DJA5WqTr/KokurKAu0QkHWQv9fDvjAX6ZeykYayxxEoaj0POt5HGA5/rDd+MnwkXo7uP99"
    "s+ZsG/ik1Q5Qg8UksFR06WvDwf4JCgc2Fm9avThOpIAm4uUwj7dybEqTaZTZ03VsEeLWDI"
    "3Q32EB5VQwSi+btwZurztSIJ6V5qUcuMKYfWf9RR1SY3knjdlh2y3+WRqzPX6lRw7dFOO5"
    "wKzqzPGrDueOrBvE96j0PCfhK7fStoRanwuoF8Kh+ZKr1y2PPTqXyWMgNcJuNlgRkumWuz"
    "lDWuN3FjBcmjgcCK8GcWwX0Q62QNHtHmByDS9AMRwTf+NHh1fvEOGDbwzkeAEwiEkWgGbQ"
    "S4xvcIlly1c58oEa9Y9w2mGBPgvyKAz3BzegZ+d4Nifhe0ImxRhEG6Le4vC1Gbd/XqC4nI"
    "Rjfq8ERMBVgQOsWiE9c/mYDK8iMpXfJTUargiT86XvJH7ItoRx25Kiz/CNw22ytu0AcI6+"
    "69pzh4NP6fuI7RVxYER/4AXPblkXp/I++JfaIm4iCVwXPfc+toU7k6RJxG1YbY6r1WNmVV"
    "d2av1AvHWHdGZXqv3ZQwt+kiKkxW2oGSoGrzOm8NwzYhXjrSI1L5MMdpDuiq8mb16EITlc"
    "0/H/fu2vzRV8vgo+0w60lKdZRGHaXp/M5fYNnOkQGqG1pj5VCPC+Cyttb4wmrT6d0r4mDm"
    "Wj8kNjHvUr/YGBZ12moEu+c30MGaYMIINubAJ7Z/AJ5NlD/cesZ/8wtrBNwDs+K8bB9g9I"
    "So18CFgZPT//r2LGMAq3vwPexDL6tnt8iE8aZMApQ3+flP3vjpT/KtRk/QdCqmUwpJOhNs"
    "dICDyW0JonVsxj9fOb8KrhUzrHgvVVL7mASRIj7A+Ia6pHAtFfeKuEGKsB6e0AaoD5xkbW"
    "FQm+2QvzFO1b3I2iaszG452apAJ4gUzmVwdmxEq8Icp1HnKVtq4Gw1xjXbN1X4+MHCx23H"
    "sghlfCqfkFllQWcID8ifhWVG52L5Yfh0XfpgFnSu6xsS0IUxtxj0kLDIlnt8TKUAZ2GbTd"
    "cRNMlcVC6fEYlBvJBVpChVctEKDGMGMZYdwy4GPCRSWFfDWqMI2tWSNySpOic2N5K+QXlU"
    "89HvrkdVVW3s2qxLXKyZUHbXqmAjhHeY9zRtDTN/PDJYyydaEjFBob3T550gVHPctjmu4N"
    "d56VKA7Zz54rM+ftruPWEqn978GDE67HmotkkHL3IgKvbdSRypya8y35WqJ/ttDf8YYOCf"
    "D/TTpRPzCeleGnXfK/uNDSxK+PjrIDf6s/EHf91Lkejcj+MgFp9hPRsAUv/wysnbLifvca"
    "mWKmxzN1HT/4grHtlIEKkEELJTGz4TrAZsikoFxWaBVXlLDhhyDKPcAPsGHZfOMtA2iMsG"
    "HSeZ4vYcGvHYuD3BjQfjHRd3KAtuijHmJM2Q84kaAFZ5YF46dD42A1IlKj4/RUpUop+KSD"
    "2mfapfoKyoQwBNBufFnywD8gR9zRW5EmQd8OgWaX7DXyYJpS+TpC9U/G5H9x+D7unMfeki"
    "NG7CKIm1rihqIUalQsoqhJQxuFiIrPtyzaKwaHiatEOa24FD21U2Y5XN+Ph4hzBkan8QXK"
    "3qXZyoe8HV9Qew2/MV0h3ZfpifNjhOo/IF754veEVMQ4ebSimb4zQK+92xn5tEhHVgwgxZ"
    "XbdCfp6hVWxdJan/6wbaqfDKv+Kslwqv5G9WzaUUo+iQvteUL0mgVYcjqdtpwmNr6ogyg7"
    "eNTZUKhfMrvBn7whSvJ9dFnF4mAPUooWJobXEU9l1RE3+Y7rA5FYPaeAxqKgmvBN47iDcT"
    "Iv6tea9tl0OsYKt130tLOY/Dt6Ri0QldORNC4IFJqDsRj2gTouxv1eEk+dcyrnS2osRZri"
    "K6pCda6mnn7Vrax/tnoZP8g71+QHNCkw7nzMV+kYt8Ya81GvXbGmcMDSIy+oAP4zsgykIj"
    "ALHu1jjoA5sACFbQXLxaGKaJdD8AGNgOfRJlD0TZBMSJKMsGGNc47h7OejGfme+oMEX+zr"
    "bcdn1EjZ1dzffhu7NcBe2QoHu280YOCwvkq5hvg/7tqD4ubtuZ6uPKxJT/IXTLxFThzF+T"
    "8XN3cE6JTCzwLhSKBOuwiwqYO9hX0OmAuZdmMQ37qZXU2BCw0BYVzzgX0WSrtziuJUWqEv"
    "pU8IOqSCLlcm4B2z5OybCMy9njTqjqOcwklXJCSoN6mWNXgzVBo0CVRDv6/omK5V6SVArY"
    "7RVfYn6gPd3m3XMp9dNFX5LLq8QRQe87rwHccThQN6FNMMQSwAb7Ug3QdjzcI7WDVw75qM"
    "1nyOCyDo/hBC6PTmmt6i/03zHtLXStZDJHIYc2x03okmQ9hF4z825TyjXoCZTFBkA/rZXM"
    "BBhlvCowAsY6NWkG/NUPD/BhiSk1vykL4SEthI/8teRWrO31lQPaNlsLe1dfxpPR3fDhMs"
    "xYla6yzKmHfGjC0BSP/zGeDO8ugb2xuaTRKzdFDVdbZuirxEqQfyA36K9O4lY+icuBEY+T"
    "AXu8hqaZy2siqg5pO2/Ov3sXMhvxo4jPjO8Gt7fKyqWsXGIIpBu7TXqCUOW1bY+LW2LJdP"
    "jsUC0eHVfWmpml7BDXrO9UtwfTbgnm5MQKZtmJ7pgWUtbCGadR+eVKGDjDIO59zZtdiwbv"
    "p62b8aW1Pblc6juvAeHu55iT88Yy5s7YxqVMniVhjm/z+5x0YwzOV2v5gYdKh93CgTrERZ"
    "IHXA38WE9u/Fs+UldRIg6bka/7wTRyx+heIYFGA1RjSyvfRh2svK12as0Mem49wTLCCEz8"
    "wtRgTqwNIAsAgT/QJaB8SXC4AEWWaSAbYPSEKLAgtfkPYVLLHl6pZ0iJsfzXXizJWFhNO3"
    "hn3vxbxpwev9gHcfO6Mqgf1KBuG3pOyO12g3pAe3QG9fFk8OHDJXAT5LXDaL5Tgr99U/u1"
    "bSt8mdx+MoZVaRpyBlBTsvOUFM1E7jR0F31lPmodqgXmo1hMwp46d3lZvW0Ql1W7k9/sdg"
    "uSMs3VaJp7mTN/STVUolRl9NR8tSpSixuO/omCMnXeVYT9CKUlJn/5HVK6TN/VQ9zGtDZU"
    "WsMpkjw6puQcRMooqC2mZPCXE/g4dDmBXXnSXkDRZu2zPOwJ/fLNeQn98s15rn4pLiUBtu"
    "DGJLJUd/mJFmIkh8+18DJxDY1kVcgL6C9pYwmpDxgfZyGs+yFiVUwtn4f31zf3Hy+BTz/F"
    "46DFjrVM3J9sij8Mbm6H1+IJDBPpU/z+dnT1o2iYmYRvoXo7TDP+jp+Zv+LgoIiqg9FgnQ"
    "oNYuKMjsxRlx+vEiNRBR7SezlFotSLrChPfkRqjEQBmgbURNBGmoOZYVblQilSFaTYZk70"
    "Yq6Yw8zpkXhiKFpoFqRwXUUbSRC1eA7ao484lH8+lZL9xEgUwtsR1pHuWEirmPUnSVULzi"
    "3K/dNIHUJ1aiQf/e6eGhEa7A5THiNTwlibhbFWRQW0bJ5fxkbMJ1e8RWYS8i2YEYWq87W7"
    "/dKENtMQpUQSsJ9/qjdJ1QWB7dCHe18qCKZlsNdvnlpU5uURTYcQPXSY3YvEHrUT+u6cXG"
    "sZvvtHx8gPU71ETNeRQlsQ0iXHljPXGnDt6OmWNLrRTrTH8TQdCQft/qfTOop5oyeKPlOD"
    "UINtepLIt/BavyjozYr3Urnvj2nr7oO25r5vkZG2/gTtJnpCEtdp7pIN+9fji+7Aso1Zu4"
    "kpMwTkr9OQoAP5vZr2PRp2+MzZjbkoq32ScLfM9q3y2xSpm6qCwJFAndFUywintgk1i5jG"
    "fO8SuGMTfhYDlamBeyyiqapY+sLSO5lzdQfpX9yCZz2pEJ/sskWW9ztrTtR7a24Ab2Rg6D"
    "aApnCxbgCDjwj7NSgpesVvxHkURTpw/L62yBgKVhDrojQlezbmKJshoM6B99AvvKErW2kT"
    "ZN0R3V74VAxFc8SnfJf4hhTpYQIcDjpD3Y1vWNiSALh8V6vfXflZq/lZK0hITW5rY8SYB0"
    "VmOwsuFW5jdqzT1t3rQYQjrxHwiWzAtwcA9bWBweDzDZjzrWSJbHDixoSKn6wPxFJ9NTeJ"
    "jcCKONTug7Ozs9PsBlbz2KpGc1uMOfn70xM0HYkKl8+qQgLFrFSpYCUUHEmp4PGKPOOCrA"
    "GJ68WbleipVakc0vuZbxRRpjR3U5lxpUcEcwIxnNCBni+BbvDNhdkirZrBvJRp4IRQMIfu"
    "SKeAK0n8YmbXqnf4KRZXZw5jfF32wTM1GEMYPK/4P+KKOIoJOJlIXy7Ut1ClOwMD7LUy8U"
    "DPxDF1f8ucYowMsQUG+p77bK+idHIULRyRJo4Tn0wDH3DQmU+CwadZn/a8Z+S7MQRLShxL"
    "PKt/I9tynwsj8X4CgvPX7qPaAhkDOyxXrUwkYijIOqfSLrRSwVRpF1qZZ6sI/e6m2jrwBM"
    "yIXklNCPp3IZ62aa/vGtJHx6qCbkTRwZwi9QN8XDpAS7yXLRf5PUNgW2T+0IEnE/jj3r0C"
    "aT9wJ6p4qWMMPGlrvFSrWHsjx1ptx7IIZVpO8FQ+0BnC7gkr9Z/WXhjUZhpn2xa/L9I8hb"
    "dKTpr8Abokntd4Csjm0Imn2AFrObHCWYIzFwIwv58mak6SLMQfTAJzQM5QpvBdCNKmEH59"
    "9v3hRcPr0Zf3t0Pw+WF4dTO+8Y32oSzoXhRNUZTVw3Bwm1YoKYLzlSZi1GQZmMolk8kMcs"
    "DQTUzYaofUc/zaJzfRnE/vlsm9+fAP7XY4uHZbjcWGM3CoTzGHbTy++Xh/Cfh7uqXOp/jL"
    "fdDmYK8tbaV9mYhQFaF4sGDQYNVXrxEpoVSHFbMABwdXqoGbolLAbj0FGj8gtOepuviJpO"
    "PCuOyButTy2p6CPv6x14Bwx+vqSVhj5YOLjZqYGGT2FXHcF8jamKKr/UIjk+jHwQg6bnUo"
    "e1HXtnDf9sGCUKAbazDtwSknd7ECENvPiNqn4NlgK9ct+og2feCnjOINbpsON+BkKSYg41"
    "Su/xZTPO25Plw+mOFdXBPMSb3LfPC1GPx3jgZlv7u+ZlcrFUOcnnFqPHxCdAO8uHXhHHYR"
    "c281R8BCFHgD8f/EqhFPjLDIC3rJx55Ne+DEjd3hP/hT9Pn/5vwvfDLnj7skfGBDd1st0T"
    "P4roNGUzQKt3KQe/AbG/iWCuBaKtxeVPS6Gg8mU/zt2dlFH7zm8qD7VZ6egevgcTwYvae3"
    "k2CC2QZ4tST9h730QtBEn2/sKTZ0MSbm2PH7ebmdubKR69jmCLi8IZhhF1rvs7X4X+voq/"
    "KEVoQS9Qj8H17Ek3KHt8gFmG/X9Ke8rLXN795Fq2YZXSpflUprUuE3VBbZkEBhuw3bkC1l"
    "nYA5NuKAoMj3d4QoF1l3BpNhJkVniomXVIkydMr0KDvcmdwRS2KbolLISpBNCBclcU3QKF"
    "QlqOYEsudvUHmB7F3YoOr3sOWelt2SfUxVeZDzABNqQsn1y7SU5QJJKgWrDFbPZlIZ1ziZ"
    "AjaTt8SGTPu2AqQRgQJTCuZ5VTDPFZi5YL6pCuYbBWYumG+rgvlWgZkL5kVVMC8UmFJ11D"
    "MQV1FFIwoFZw6cmizCfxuimjTIX4Ea4qOT5yrl29JkCtiK2a8a93B+MmxGxEHNXp6XM+rR"
    "3+7pXCU6b/V2fiLPgD9f4PmzQxdjwou4gjqAQHfcgD8MTtaIz9EcTHuLac93JAbhrf2Mt7"
    "P+Wwhvp3AHRsGep8FgJlm+si0458PPHNeXeTIj7MxG9MmYI/uMEtN0LPvMu3jaF67NKQ69"
    "mQDaYqTIuQws07H5U9jC++g7BQ399AcATUSFh5Hye6IFA8RhW32F7puWcRGG5iMPBfGX98"
    "DKU6g8hUdlLKzZmxV+QWW9WSGB8mYpb5byZh0Zssrv0qjfJZIuyuIbUXQQ4Jr3Kl9iy6A7"
    "XkPTzA9YD6m6xBHenH/3LmQG4kcRHxjfDW5v86oUKS9hN/Rex3s2ib7r2Nv1XL+POjJ+XD"
    "t7W4+MdzArY4xvUohtL9e4hHnmJ2NM0+2Vk3EnVtr728LB7klHMHMMkxnYPhO3/Xuvoako"
    "gL6RVI2qYkeD5zNFolnx4tosJ4/T9tO2qSEOCDoXESvi3uNC0yXgdFM8+Di8n4wvvaMN9h"
    "RffRlPRnfDB94UHLGw02bal5kj+AQND6jMDBUfo43TqZO05U/Sehk2Z5sdi9nIyBX85eEP"
    "Pj9tDrFGkWVKWFPhBMgHUFNQfgoMW8PouSLsEZEq4FQe54WBoSQ/0TakQ7IDLuuw5Wjxpk"
    "S2i5aTcwLaWtJBNbG2e/fDnzkdep7im3vt88Po48NwzMUZA2sWJULE5mLOz4ObiZto5Bka"
    "zE00wjuNbn8aXl96ruInpHNh6HY0Fi1uWQG9HWIQoTqS6AG5VoWwvzJr7VzMbA3nlOxZoe"
    "tOjLHDJ9IO56EqYdayEmYTKK3zIpr7RRZRBsvVd1Hm0DZxrX5rzaEv7TNq2O2p6v80BKwy"
    "ZzYoI/pRkzuk9E5SqrI+bcnxnVfrbydx1hPXNNPAj7XIbL7QcWQroSmxbbvacAfxZkLEvx"
    "lVez/doV1bSB7AgRCrpWTX8C2pWHecCYXrFS49FAl1Z0DssgG8fkhcODv+NU7iX2ErSpzl"
    "KiLwJWBpijjerqVlyz+L5XC0tsycGsLhtWKJPN5LieVdEcuZwfKMbHkRSGwPy1rbuOshUt"
    "uvCGVzRyLjFGS1j9E0hXOXxHRRnS6L74S35ixiv38n1nCRbDj8ZZIQCzMhHqFoeDu6/xh0"
    "T8d9JME2IV46fjXDsgs6TtO9Cg1luEY+z8hwDJWG+3Dea6WC/kVU0PYcHmobK2s2P3iEWR"
    "boyvmrrxODHRfOBXpmIol1ZpHJs4Qrh2ALvV2eb1CmY4dewwINO+rTpH79axRx5a2vWH1E"
    "3vXX7AKMsim613OTP7tXE6kX00PHNk35rdIdkrUbY/dYLLRYVV6vIV6NuaAbI5YxDzsVvG"
    "3yBeL3x4T8wVsdzAzTO8CuLBYHcyQ661ml0JKIoJ7Ykg6gGy+8N/sXmlczTkQkndCfk7rc"
    "+cVFCW2O98rV59xrKZSJQ+c7x7JF1Ad0KjIucgRJV6qEtU2Gt8OPD4M7/ln4I0zx4PPNJY"
    "CWwf+6HT5MLr1UI70dZqeBeH3xKNojx6LKN5Ck6p5FowFPutK0/4Ka9nFV7Vazvn3WA4xi"
    "054JtEyVh60++dIBalgDLeO5xzvl2S89CEffYbZTpGqe2zzP3iGDXbbxOKGa4zbPsQk59w"
    "2tRIFZpfqUF42jVkDrV4BXR3HP6ZcNoua+zXOfEr50Wb6ySuKbLk1gpma9VbMeZZ7dZcaz"
    "1Gq22zzbooSLcHTsbpOMD3BAsyR5rGqQHP14CcijOEv7cO+fpaXYPUv7/mE4uPokTs7Gq9"
    "m8vEnSx5buZjjJUqtPse2fogWd3ZSqDLGa6yOZaxvx99Sr5H6UE6vz8hmXZsI7X/WDShOr"
    "D6rNH5SoAZSd4uJ8tAFNh4L36khGq0oG1cqF3OpUc7KWRz7mH01I03XBt3zoEwqZwK9U+G"
    "NB0ZAMaYe4xEEqiKRnIRaUt8NEJKnVXOw3F2Hk4w4zEadV87DrPEA6XxlPSDYDhYd7YmQq"
    "hVyF8z06YtAwKyWJjpHslR+6Zeu9AO9mEkEHbj8Hi0CXCmKlhFKJl+2p0NOydV273M7ffE"
    "nophqwKSoFbEGi4GrAJqm6VEGmNmRVLbQm0bWoQajBKjKEFJVCVq6URCetyhrB4zQK1e3n"
    "bwMGmsW48unbq9hQRwZy2cO3qe0mcfT2YTiePNxcTXo5zLcGhCudbz5WjIsPOMtRDuSrOl"
    "ZxbKjjkshKL+KkMJqAlz8DuP9ye9uT7nE1wPs5NlRHF3Bqby+xfKMCb3uiG1WT6yi2if29"
    "BLKBRlsDtoNlp/NKpHT/HK5QKq2EZ5TfN7GEN0qH1nIygnr/tKU+Qrd8pK6iRBw2I1/3g2"
    "nkjlF+OR3J95vACT2Jumf74eTlIBk+dUu6TMAk8qmqfMEvlfjGW1q52W/ClbctBY6Gwp7b"
    "EuH0+KB0A+YriJcIkAWAwBsDnIwmD2OwMrg+RzenZ70UeJUIyyTV8R89m8ZGZYc5ZHaYqo"
    "kc9krh0LZvv+kcDvxLJNTDSArx9mMDyRHaDHovKDEaVRj1y5D6VUjjaU3G/xhPhneXwN7Y"
    "DK3TvOZlThF4UFdzD8ZIlAtL4nR18alaySZJ1b26IE0kzRb8PYtxQdCG319V9BYj1xvIoR"
    "L3dCyFS5nEPQlxtuT2kaBRvrntvrko4+eepsvOFSXsp4yXiaVVNSFu85pvXpnDuB1hq9Zb"
    "tuZhbwB4V8A3nEBn/QEYzAbkGQNKnsEJJoxfWhm6jjC4O78D7p1OgU0AW0Hmboc2WPDNCl"
    "EAcebUa+03mIoFzHijMbfBkhLHArMNHxI8G2wFLJNPPODLkRrIztO3Uwq2Xzjnt6waHlXU"
    "CfsrFfygKrgSGP6SAkP44ZWVFkICJSpIdE0lgCkB7LgEsBQ3qAPVTnlgMpCGDLBNAu3PaL"
    "Yi5FEmzgaXCoXZ51in7ZIsBhwfkSVatHxjA4R1i/AmjtgKBR4Zz/kp5EXbmQn6GdIBIwBS"
    "BD6PxhPxi4uJqJ8VZOsdn8uxIoRC9+RWIRLbiMssDJx8uhtcvRp/GpxfvBPOJDH4jOil3U"
    "dKQD2kgKpKkTdrvHWoJO1GPrx+9w6ie/76bRl4Rbf8agLuxSTAedEg+fbxiKIdFnJxv85Y"
    "yL1NoMqSjyg6uOob4SmqJuLBzkwr+03+Qu+u/UZVaujarAcYpSs1ZOwhZWK+uZ7HWamw0E"
    "t4cIXQSl+HvPaG69IpkUYDLNOw5WvncWS3aumaHu+9VV0fYeQpy2BBKCD8lz/OJXimBmNI"
    "qNueZk0htqEn9Pn6sB9q6TqI5m4aw4y6XvP4U2ywfqDBzzZcI2dnwQuf+SPbwM30545A0R"
    "yJi4DBR+TaA/hTQH7btcVVferwWznsbIp/f0Sb34Fhu0TBgN9wAl34zETjs0EROPnl1Sdk"
    "WhzDx1fBrJx6hgebT53oi0TbFPv3EK4y/hDBiH3hT4PRU+mUWDZ4Fu/HH20FhfUB4dIBqt"
    "EZJN1BYYHFYCF4toPKzrKivEEdM0ccJFNQQWArkpzOK4hr9brXo168LPzJoNYycZJv8uMk"
    "32TiJMNg87LQhgQd1N3qjxl+GT9WxwNRLbgxiSypUr4FKEZyeBNQ8+LY4Yw9OUd5S6bND6"
    "kPGAdsIawLCKvNQO/z8P7aTZjv00/xOGixg5br4e3NT8MHkUPfF1uE2PVhcHMrmhbQMNuS"
    "VD+Q4yqwoTiJykCWyTrk7FITKKLqoKHgeA0DWXuQiaCNdsuhniJVGdRbPc+iSJefdWFOdI"
    "mJPZc/ykiVtJbllC5OiFIiScKUnwg8SaXSgFdPA64cGX8JDhYKnruIIylatVe1eaaTxsqS"
    "u1SSSEXFbo+KjYXw7RnAGYsYPDKIywZxJldXmwI5B4ga81VP4inyr/SLHEQw6rPNLZSPqQ"
    "p8bFfgI9/pbN87W9bYHSPpoLn7/OKiTHzexUV+eJ64lrI08Y+qAsJ+9w6i++3r12WseK9f"
    "55vxxLWUUE8wkzps8k3fMRJl+q5o+q4QLFL/Zvbn/wPF06o6"
)
