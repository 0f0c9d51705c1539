from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

# Every write to the configuration's tables stamps the `config` counter with a new random
# value in the writing transaction; the process's cached configuration is read again
# only when the stamp changed (bot.services.config). An agent's round-robin bookkeeping
# (last_assigned_at) does not stamp.


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
INSERT INTO "counter" ("name", "value") VALUES ('config', floor(random() * 9007199254740991)::bigint) ON CONFLICT ("name") DO NOTHING;
CREATE OR REPLACE FUNCTION config_stamp() RETURNS trigger AS $$
BEGIN
    INSERT INTO "counter" ("name", "value") VALUES ('config', floor(random() * 9007199254740991)::bigint)
    ON CONFLICT ("name") DO UPDATE SET "value" = excluded."value";
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER "config_stamp" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "department" FOR EACH STATEMENT EXECUTE FUNCTION config_stamp();
CREATE TRIGGER "config_stamp" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "category" FOR EACH STATEMENT EXECUTE FUNCTION config_stamp();
CREATE TRIGGER "config_stamp" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "priority" FOR EACH STATEMENT EXECUTE FUNCTION config_stamp();
CREATE TRIGGER "config_stamp" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "status" FOR EACH STATEMENT EXECUTE FUNCTION config_stamp();
CREATE TRIGGER "config_stamp" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "sla_policy" FOR EACH STATEMENT EXECUTE FUNCTION config_stamp();
CREATE TRIGGER "config_stamp" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "setting" FOR EACH STATEMENT EXECUTE FUNCTION config_stamp();
CREATE TRIGGER "config_stamp" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "template" FOR EACH STATEMENT EXECUTE FUNCTION config_stamp();
CREATE TRIGGER "config_stamp" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "agent_department" FOR EACH STATEMENT EXECUTE FUNCTION config_stamp();
CREATE TRIGGER "config_stamp" AFTER INSERT OR DELETE OR TRUNCATE ON "agent" FOR EACH STATEMENT EXECUTE FUNCTION config_stamp();
CREATE TRIGGER "config_stamp_update" AFTER UPDATE OF "telegram_id", "name", "username", "role", "active", "on_duty", "language" ON "agent" FOR EACH STATEMENT EXECUTE FUNCTION config_stamp();
"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
DROP TRIGGER IF EXISTS "config_stamp" ON "department";
DROP TRIGGER IF EXISTS "config_stamp" ON "category";
DROP TRIGGER IF EXISTS "config_stamp" ON "priority";
DROP TRIGGER IF EXISTS "config_stamp" ON "status";
DROP TRIGGER IF EXISTS "config_stamp" ON "sla_policy";
DROP TRIGGER IF EXISTS "config_stamp" ON "setting";
DROP TRIGGER IF EXISTS "config_stamp" ON "template";
DROP TRIGGER IF EXISTS "config_stamp" ON "agent_department";
DROP TRIGGER IF EXISTS "config_stamp" ON "agent";
DROP TRIGGER IF EXISTS "config_stamp_update" ON "agent";
DROP FUNCTION IF EXISTS config_stamp();
DELETE FROM "counter" WHERE "name" = 'config';
"""


MODELS_STATE = (
    "eJztXVtz2ziW/issPSW1ijdtx07WOzVVii2ntS1LKUvpnp52FwsiIYlr3oYXO57Z/PcFeA"
    "cJUCRFUiQHL4lF4kDUd0Dg3M+/RpohQ9U+m+yg7oyuhX+NdKBB9Ad5YyyMgGnGl/EFB2xU"
    "bySIhmxsxwISnmcLVBuiSzK0JUsxHcXQ0VXdVVV80ZDQQEXfxZdcXfmHC0XH2EFnDy1044"
    "8/0WVFl+F3aIcfzSdxq0BVJh5UkfF3e9dF59X0rs10584biL9tI0qG6mp6PNh8dfaGHo1W"
    "/MdHPwNawIF4esdy8ePjpwt+ZviL/CeNh/iPmKCR4Ra4qpP4uRsxvjYSxcVyLa6ma1EclQ"
    "BIMnQMLnpU2/v1O/wI785/+vDxw6eLqw+f0BDvMaMrH3/4Xx0D4xN68CzWox/efeAAf4SH"
    "cQyqA1W4s4Am0tD9rOyYAKcIDyMd4tp1qP/r/Pzi4uP5+4urT5cfPn68/PQ+wjx7Kw/8z7"
    "MvGH80wEAvi/8KhQyJGeD9n0H+Zg8sOu7h+BTg6IdUATy8ECMev9BtQK6B76IK9Z2zRx9/"
    "Ov+UA+evk4ebnycPb9CotySoi+DWuX+PxNe1oVUW4yRNJZyDZdtNmK8+FED56gMTZHyLxN"
    "gyVAa+U93VPIxn6IGALsEM1iFte+s5PsdKYD2afJku1teCR/uoT27vZwv0SdYUfVRlqV8V"
    "WelX7IV+leYBOo6VZwoXPhsIYKDTF3pMlIJ/g6iawj/c0xtY6Hm78XI5xzNrtv0P1d+eU3"
    "vz4tv95ylC3QMdDVIcxpaNcJJd57Uk1gkqDnZxsFWg71z01pXZv5M0w9u/ixyS7CMyc0Cq"
    "wHZEYNvKToeyCJws0LcIKEfRIAvsLH0KdDmY4Cz8o38syMF8PbufrtaT+6/Eir+drKf4zr"
    "l39TV19U16a48mEX6brX8W8Efh78vF1EPTsJ2d5X1jPG799xF+JuA6hqgbLyKQk5iEl8NL"
    "BMclC2LcK/CapKyBy50TSNEPlJe6+hqswJ6wPXhZMlzHuvT2KaH44QsbID29AEsWiTsJSc"
    "JUkH7+BHWbcsIFtHe/PEAVeOhmF0JoUTCVNZ6mty97fDVeDQmhF9omGqCgXyBuDes4rG4Q"
    "NjvDeh0oVhq0bXQeH7mg7v1ZBopRdIQ6ivQEnSOxWnuTDAgqvHMZ5wZrL8ve0s416vYmQx"
    "NYjgZ1GsT3QH9dG/jfjNZKx/k2mq139i4W1OPgx4kpCzH5Uy28BNFqjZbvLkLUsDyWPMFX"
    "Eu/AVBjxLBjgUQb3nL1luLt9fFkmvhTrUFCFvq5wM1ndTG69o1LMAO+tFw3oaBY5QODHOH"
    "s00QzhiWMrxxYeHpLcHj4oezg3xzZrju2XqbA81qOkZfBRJ62GD9PJ7XIx//1awGqGgdWM"
    "Knyp3XbobWTiHtj7MkufpKqHKafdWxo2k5sW3Crfy0AcU3R5zVfeXwptLzm7SxpgbthgQz"
    "8sw0bGgOna1Y2XCVpuuOyy4dKCz+jMqcJnkpJzuctcTuqDBbWbJEmlSJSOsbMOLSdj+00h"
    "nIX3zrCgstN/gUWNH1HMWL/QzTF8WOAl0rSJVUW1PPxgm9OPNFflWy8cB0h7jRXIF98d51"
    "owyHHchNGnl3ucY8J4Qj+rqood0nZZ3Rh9/Xm5Xl4L5t5wjEf9dnnz7d7TshH0ruYp2r/O"
    "bqdoxLMiQzTi1+XsZoo+GYoEkUr+7XaG7gFXVtC9yWJ2P1nPllhl1xXNs6oH9PgZpsEk6L"
    "ByYDeU9a2iQurpyFYjEyRdZmxFPfL88rIAxmgUE2TvHgXlYGerADZB2RTmp7ONNGIa9IAr"
    "a38liFqMIRz1d2lrSMPxMSqBM0HUZqymaaqK5G3L/2lISD17h74NAq0d/BtZ57byT1qcZk"
    "6sfUhRT5B9EdzfNyv7tBxjb+/B+eVVmeUeUwwvfrB+w7btIM1RFk3glHIgpMiGh/RlIRP3"
    "ZY6N+zJr5NYU28aPkN1B8qKPE1QtRh9HV3obfsxdCuy1PlyXQhCvVs4ISRK1d1Z33FSRY4"
    "fU4oC+Iy2RxUMDuwZxUWMkubq6ZI6MYlcpxshkXCvbFCklR9VqiPxjRAaQeY/3JzdP8gir"
    "LsiHjaiXCDlaNDob4IhgcOaT+o2vhiVDCrjMTSEaPxjV/ch9gSesciWmUxvycJWYTOB9wT"
    "0rQ8dVGco7lUz/qhCxwiLn0SsHtUZSoj9ScTwuf6cnumPmjaarj7nLuwasBx4uxHqlCbDR"
    "wwiLb/N5nrKeCMznqYD1pwLmGzMMV3c820HWlhHcGueaMhKDDlkyRgv0BbKgGbrhGLoiCQ"
    "Gx/d+Cz3j0cNoGfUY3NChsLUMT9tBCE+nwGVr+BaTwvHn7Hz+djVKY1j75EWFep1X5O5RT"
    "clHEH3TBdgddBN4gtnXlGahuSe9yRDIYHbUF93KJygqNbleu7aDXl75fhffyN6zkKB4E2i"
    "cZOW8f4HUdTxxzslUs26kQzpakGp5BtgmDt5fDVRZogojjzCtpdiOSile7a7jaHfc6tOZ1"
    "sF3TNCwHsfIZqmUWdIawxf0Z27BkJJa3s0/XpQ9mQUe6vkIBHXt78kGPCPOcPf3bVHJwxr"
    "6aFIob1ZBwuvDGoNg9c7eKFCWPtSyxYWyArkOaupILeETEsS6HtWhBYPuG46I7M0k1OLG5"
    "kXQb7nxnoz9c57tryhW5TlJyrneF6yFGCbZnanh6VgUbQr1qKZoELS9S0h1GZ99vBHu1ik"
    "MEIedx13hcwq/DyxuXKW/cbihD1868k8QyJGKbKO5BMvKJ7SAkw624i3AwLkIeldGktyT5"
    "ZBmQ1/A7M/iWIBuAip0nEUz/tiaEgRDRN/eTv70lBIL5cvElHJ7gwM18+TkF/LPiheCVNC"
    "MlqLiNv4SN3wHbrSjtAT38ObeoRZp0QKHPLcca8KwknpXUv72DG0bZq7qfJjJuGP135DrL"
    "MFrJlBKUAlCONaaUaKjVtWVQzJwCNRM34DnWoBJM0z9JixudOtBLK9H0iYC3dButoqlh3T"
    "Ij5GSGUTtoRb8y3Twr3ZOM7KCVTCZLN8/KpPbV0UErWiRM0+KdrT1ACekRI4plMb45zjMs"
    "bm1NtOJxB7OlgGLgwHThbnUvoPXkQAHosoDNW2PBNgQg7IG6fbdVVBXKwovyT4SSYLvWMx"
    "LNbXQXHWYOAiKbKFXjvEeYODE/M+8R2xgXDB+cLa7GEAy25dPjchm0I4Lhxdc2EvOCkc/i"
    "+z+r5YJh9QzGp4V6RXKE/xNUxW7s+B39ZevqEoZQ2LiK6ii6fYa/9q8nMIdifPLNoWnLZ0"
    "pQxxOkzaFc32K/CP+2+laTXsfQjU0RDBIebrZYkCgK2Kiz8Y9AOwjkpoRN6U/uh2zTDzn4"
    "fhU331br5f304VoIk23TjSH9ThO4x8Sjvvp9tZ7eXwv2q42U/LS0WsifWX+DSPidcnywvZ"
    "jheO6+LO2+RMBQqzuvNKCq7HJCEdWAvGgX5x+vos0Gf8jbZ1b3k/mcOxmGL/4UcTJAWanG"
    "dIKQR2d2R8LN8hjd3BtWldprFMoB7Zr1ucJ9mEKZpRLGKWIOcxZmQgspiC5Bw8szHq4Z6E"
    "Q+HBLh0jXsBucMGqeq2BFL63CdwNR7XgPCybJF/doZikJM3xsZZQJZR14NSA+8HiPlmD+i"
    "FGPcLvVIdzLZn3UguwiZBafoT/XkwszRTENFyXCdjfH9OJiW3hzDSxxqwT7tLS22jTpceQ"
    "ft1KIajjzowF7qUFgH5dUEyTBfBWMrACGY6Fqw0JJAcAkWNFUF2kEhThNYNvqATWpZ33U9"
    "U1IbpyQis6OacIkmNLyJyilt5rYiMxzYh23mIW3vbOar9eTu7lrwEge6YRevlPhwbMpD10"
    "670+Q80PakUmxgTMBZUpklvGsetxB1G9UcCxHvRVhvL8LsAubWt1qsb6eJ6iE1TYrelFFF"
    "2ZpTrPk2HOCDwzZd77tlNBRH9owFQrEJBpQL+MkTKgamv7QiQLC1HC5en1CWQ9AxwrJYgl"
    "xI0WXFsmKUdP2FWk3wqhqAgjA7SjpB0n6g9GmiEhoJiY6PhUrmk4i6xeg2E+pyEOBVxory"
    "dbq4nS2+XAsB/aO+Cq/YiStr76PzqN9NZvPpLX4CRYXyo/55vrz5BV8Iytp2w+oSHOYZ/u"
    "WH9sRUA4zlGlRgj4OTW2luNna0SYKE17TItqrE1W1odYhy2lPGJBzQNKAqBDbMK7GeU+WT"
    "JOUhhl3eiU7mZWmHpz1xslhwK5rAAloZbYQg6jAPuqOPuBZ6fUplxSZIOMKHEZah7JpQLJ"
    "noTVLVgnOH0r0bKb3Icz7Y6A835wNrsBVYniDjwliXhbFOOfw7xufT2IgRc/GvyDCBbcGM"
    "KY4yYHYM/bbtl16nCGhZBiXcnp2TS1INQWBrOzX3VPEtHYO9fvPUtvReHtMMCNG2I+hOEl"
    "bUTeiHk3fWMXyPD3yhp0KdIlyrp9DmRGvRsUWbaw24DjQ3JY1ufBIdkVwmQ+ygPT63bKCY"
    "N5oP9NVSDEtxXkeUoLbo3jgvns1MjuL9cfp0dI8F3h/noJG2gTb39JbgzCXL6gRe0Rc9gG"
    "WbsHYbKs0QwF6nEcEAqnM17XtU7OiZswdzXksQkrBaW5BO+W3y1M36eoLw9iuNQp3RVIsI"
    "p7YKRNNQFenopgwrFXzFExXpytAX0ZS3Gzix9G5ISN2B8jevWvGIKsSTQw7I8sFg0Y1HH8"
    "zs92cWFNkWgIpdrK+CA56gHhSQt+A79EVoj7KgLLjBWBvX+xT2QJdxXXnnRZFgNr+/zomP"
    "0C/8qUtbaQmy4YhuJ86KsaAEEcurxDekSNsJcGiVQ8ONb9jalAA4tqs1GM79rOX8rCUkpC"
    "aPtRV0HB+KzHEW3so9xuzEoIOn1wMOR9agEBDZAjoeBCBrii5Mvs4ECR0lO2gLb7yYUPzR"
    "GQt4qb6TVMOGwt5wLXssnJ2dvc0eYDXPzRusdMWYwz6fnoHqUlQ49lYVEfDNivf54EJBT/"
    "p8rPbGi55TEIC4n39Y4ZFimb4fo9/QQRHXOfMOlQ1SenAwp4CnwzrQy7UgK+hwcWxcFE1x"
    "/IJnwhvDEiTgzfTW6/RlZPIcap7+Ucd3N67joHU5Fl4sxXGgLrzs0T/4Dk7FFBAZLj6O1b"
    "dIpTsTJrp/1cEP9GK4qhwcmY+6DhV8BIb6nvds7+JicBbcurjIGyJ+8xj6gMPBiAkKYrP8"
    "OPKfEZ3GQNhZhmviZw2+yDa959Ih/n0YgvP33qPipmfo/HYdplpJ1Fioq2YcL7vQloLJyy"
    "50soRWHvrDraLVMgM2hlxKTQjHDyGetmmvrwasJ9csg25MMcCaIvUD3C8doCPey46L/L4h"
    "sCsyf+TAown8Se9ejrQfuhN5vFQfA0+6Gi/Vqa29kbRW2zVNw3JERvBUTvfiNOHwhJX6s7"
    "W3imU7Itq2TfS9UPQV3jI1adgTDEk8rzELyEbQ4aeogDWdmONMwRkJATr6PhF3jDSyEN+p"
    "BmCAnKFM4bvFpE0h/P7sU/ui4e3y2+f5VPj6ML2ZrWaB0T6SBb2b+FIcZfUwncx5RFspjG"
    "sMHgzj8MultKWoeFLbwaS2ZL7DkUlCyQSLfmFcND8otby6VNN55VeypKlyUY3LHD0uHsN1"
    "uD692ePO6nADDJNIBAdbQLf94F+KaMuOjkjTtV/6d/SXratL+AGEjauojqLbZ/hr/zpqX1"
    "xoJHaCp9A0mEKDI7/wDxc3DMdKgVqK5BQtgg5UtSTuo8l8fi0gukd98mW6WK/QB9yB0n7U"
    "w3KLq7jeot+c4OQ8As9A8YHKcChfT0nScVWluKrih7xsXitml9HIOfzF4Y9a70pAF3FvRM"
    "rWlMsA+gScBcVZoNiiDl9Kwh4T8YzK4jhvFR1QHAaHkI7IWlzW0ZXe4m0ZtFO0mJwT0na2"
    "yutoMf0N0cGXR322EL8+LL88TFdInFF00bQMLGIjMee3yWzttZh4AYrjtZhAg5bzX3EfCc"
    "9Q/4xbSyDZfIWveHH+HWksYVgyrYU906oQjecl8itnF/Oc2dZzZtdQM1VGsmx0b5xn+3OS"
    "o7j1r63V0rT1z1Ec1uHFsE2FBDyGo2AMx96wHMml6Hs54RsJmqZwPp2htf7IDZyGkcWXXR"
    "g3HD+INZwX6NhETVwV6DuXWoiRvaCTNMMLRSqya7D3jMyOweMH2rMK8b4RA0uhLFJXQYYm"
    "sBwNt4EoJVRm6HjkyMHIkRizLNClY0duicn6hXPR6JHMIutS/EigddO0yEgfz9Eh4zHNdg"
    "GPbPU+golUlz9xO/AMxH5gi5eviu8D20bLEkL63fgjZerEsUD/qvQAMg0n/I6cJyS/NKDh"
    "SnOrITOutillNYwJhlMSq7bwZNvd/C+UyunHMckgVDhSnTi/vCygUKBRTJXCu5dC2XAtqX"
    "pry4i6xUiMsHvTqBzqSOudT788TO7RaxHM8KhPvs6uBWAq6K/59GGNwzWg5XTDB+E9iviE"
    "sCjzDpBUw1Oq67cScWWPDf1wlb1+ZUhzrh/meohRukpSTi5feeZTJ+DtIrvD8uybHkYaVK"
    "qSSpByPneZz378SJVjPEnIedxlHnutKyMzTljrqDzL8+bhK6DzK8CLoz+W/bRJOO+7zPuU"
    "8CXTisuWEt9kerVZzvUucT1R0qECx7PUnNtd5jYuCoW9GtVtkskJWjRLGk9lDZLLX64F4w"
    "mHST8sgjBpr67Go/75YTq5+RkHRW+QLi7tuxIWHWBrVTOcZKn5q9j1V9EEbjWlKkPMed0T"
    "XtsQ/U65TNElOjFPhciEldm092ilAVVlV1O2qa9Pn2OKLs4/XkVQ4g95KK7uJ/M5HUqEkk"
    "aPIGKH+KbphuAgazvS1+vQIlaqDZ4hHdCybrk+tQ9l1TLhNGrOi+N44RimIlXkRJKW86Eq"
    "H4Al7XFXOwoHcoPkE2Q8xblK9QRXxz7jEiIjhZLLi5nlTAacFoQ2RTWg3aQ+QRz98p1hla"
    "wPmaLiwOZsCOWAJal4tV4KsqdNThk6uqcrGDt0ZIkMhaL2pCQNR/VwNlW4gWYxLp1LdZOY"
    "qmcgF02lSh03RCLVw3S1fpjdrEeMzbcGhEtlq/UV4/x0NTrKoXxVxypOTNUviazwIiaFUQ"
    "Je9AzC4tt8PqKecTXAW6JYd18XcF61bvryjctgH4luXHN7oNgS53sBZEONtgZsJ7tBZwmn"
    "dH/GrlCkGldgGj6yHFei6+9A1jIZjKjoT/UgNEczDRUlw3U2xvfjYFp6cxRfTj15fwmc4D"
    "OuDn0cTn6+/fR5WNJls0XwEpAxKxhEiB4qYyDCaOTB3uVoUus1aOONW2sDwZ9DeLNcP6yE"
    "vYL0FOv1rddcm+hKXoawSGGE4NGzpQh4AYE2CwiUzfU9Ksu3a+9+02m+6E00LB8jKsSHI0"
    "vJGboM+ihsMBD3FwiaEAQ9CJKZ76vfV+vp/bVgv9oO1NJ7zWkCTX2oy7m9EiTcNUNxJnr4"
    "lG3rQ1INr8lJE6U98f6exZjd1yccz/v5EGEJtfTz4bUdBpblX6S2AyHOFjw+CBruczrsc4"
    "qrth1pkhtcyfZxyihHLK0ule2bQEuR9iOK0hvcGefpuyAewwu/9+mlHueooM/QsgMDU1ER"
    "MUHSZZ2oooTYSNU1/FKVEcL94QNE96f374vI3+/fs+VvfC/dxFF3qK56tgieIGlfCm/+iG"
    "pU3s7ICG0eZj/+H9p/V0c="
)
