from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


# The webhook table's config_stamp trigger(s) at the end were written by hand: the active
# webhooks are part of the cached configuration (bot.services.config).


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "audit_entry" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "token_id" INT,
    "token_name" VARCHAR(128) NOT NULL,
    "role" VARCHAR(16) NOT NULL,
    "via" VARCHAR(16) NOT NULL,
    "method" VARCHAR(8) NOT NULL,
    "resource" VARCHAR(64) NOT NULL,
    "object_id" VARCHAR(64),
    "action" VARCHAR(255) NOT NULL,
    "status_code" INT NOT NULL,
    "fields_changed" JSON NOT NULL,
    "address" VARCHAR(64) NOT NULL
) /* One write through the admin API or the console that succeeded: who, what, when, */;
CREATE INDEX IF NOT EXISTS "idx_audit_entry_created_817289" ON "audit_entry" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_audit_entry_token_i_65411c" ON "audit_entry" ("token_id");
CREATE INDEX IF NOT EXISTS "idx_audit_entry_resourc_9abd4a" ON "audit_entry" ("resource");
        CREATE TABLE IF NOT EXISTS "webhook" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(128) NOT NULL,
    "url" VARCHAR(2048) NOT NULL,
    "events" JSON NOT NULL,
    "secret" VARCHAR(128) NOT NULL,
    "active" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL
) /* An integration's endpoint: the ticket events it subscribed to are POSTed there, */;
        CREATE TABLE IF NOT EXISTS "webhook_delivery" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "key" VARCHAR(36) NOT NULL UNIQUE,
    "event" VARCHAR(32) NOT NULL,
    "ticket_id" INT,
    "payload" JSON NOT NULL,
    "status" VARCHAR(16) NOT NULL /* PENDING: pending\nSENDING: sending\nDELIVERED: delivered\nFAILED: failed */,
    "attempts" INT NOT NULL,
    "due_at" TIMESTAMP NOT NULL,
    "lease_until" TIMESTAMP,
    "last_status_code" INT,
    "last_error" TEXT,
    "created_at" TIMESTAMP NOT NULL,
    "delivered_at" TIMESTAMP,
    "webhook_id" INT NOT NULL REFERENCES "webhook" ("id") ON DELETE CASCADE
) /* One event for one webhook: written in the transaction of the change that caused */;
CREATE INDEX IF NOT EXISTS "idx_webhook_del_status_98febf" ON "webhook_delivery" ("status", "due_at");
CREATE INDEX IF NOT EXISTS "idx_webhook_del_webhook_6a1bba" ON "webhook_delivery" ("webhook_id", "id");
CREATE TRIGGER IF NOT EXISTS "config_stamp_webhook_insert" AFTER INSERT ON "webhook" BEGIN
    INSERT INTO "counter" ("name", "value") VALUES ('config', random() & 9007199254740991) ON CONFLICT ("name") DO UPDATE SET "value" = excluded."value";
END;
CREATE TRIGGER IF NOT EXISTS "config_stamp_webhook_update" AFTER UPDATE ON "webhook" BEGIN
    INSERT INTO "counter" ("name", "value") VALUES ('config', random() & 9007199254740991) ON CONFLICT ("name") DO UPDATE SET "value" = excluded."value";
END;
CREATE TRIGGER IF NOT EXISTS "config_stamp_webhook_delete" AFTER DELETE ON "webhook" BEGIN
    INSERT INTO "counter" ("name", "value") VALUES ('config', random() & 9007199254740991) ON CONFLICT ("name") DO UPDATE SET "value" = excluded."value";
END;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "audit_entry";
        DROP TABLE IF EXISTS "webhook_delivery";
        DROP TABLE IF EXISTS "webhook";"""


MODELS_STATE = (
    "eJztXety4zaWfhWU/sSuVXs77kuyztRUqW11tze25bLUuUyUYiARsjimAA4J2q2ZzbsvAN"
    "5JkCIlUqIYVKU6FokDgh/AA5z7f3oroiPTORs8Ikx7F+A/PQxXiP2RvNEHPWhZ0WV+gcKZ"
    "KVrCsMnMoTac834W0HQQu6QjZ24bFjUIZlexa5r8IpmzhgZ+jC652PiXizRKHhFdIpvd+O"
    "13dtnAOvqKnOCn9aQtDGTqiYEaOn+2uK7RtSWuXWP6UTTkT5tpc2K6Kxw1ttZ0SXDY2vCG"
    "z14D2ZAi3j21XT58Pjr/NYM38kYaNfGGGKPR0QK6Jo297kyLrvU07W400cbDiab1KgA0J5"
    "iDy4bqiLd/5EN4df7t2+/efv/m/dvvWRMxzPDKd396j46A8QgFPHeT3p/iPqTQayEwjkCl"
    "yESPNlxpMnQ/GI+5AKcINyMd4Np2qP/n/PzNm+/OX795//27t9999+771yHm2VtF4H+4/s"
    "TxZw0I+1i8TyiYkGgCxP8zyF8uoS3HPWifApy9yDaABxcixKMPeh+Qr+BXzUT4kS7Zz2/P"
    "vy+A86fBw+XnwcMJa3WaBPXOv3Xu3Uvi6zrIropxnGYrnP1l206Y378tgfL7t7kg81tJjG"
    "1i5uA7xO5KYHzNBgTxHGWwDmj3t56jfawC1r3Bp+Hd5AII2ikeXN1e37Ff+srAvW2W+vsy"
    "K/19/kJ/n54Dth0bz5JZ+EAYwBDLF3pElIJ/xqiawj/g6Q0s9CJuPBrd8J5XjvMv02PPKd"
    "589+X2w5ChLkBnjQyaw7IZTrpL1xWxjlEpsMuDbUL86LKvrgr/jtN0j3+X2STzt8jMBokJ"
    "NRZrbSZZz+U4eKKDPbLxR5u4VlU2/ulh9OX+AgjaKb5/uP5pMBleAMs2ntn42sHK/cFo8y"
    "WkFZlMmnSPnCa8csSsxqEadBzjESNdk2F/xTCjxgrlsZ0sfWoCdL+Ds+CP42NGBXMxub4d"
    "jieD2/vEhFyxL4zfORdX16mrJ+kvI+wE/Hw9+Qz4T/CP0d1QoEkc+miLJ0btJv/o8TFBlx"
    "INkxcN6nFMgsvBpcSMz23Ecd9irpOUNcxy60Qz9oL6CJtrfwUeybT7H0tm1rlWafEUU4Hw"
    "CzM4f3qBtq4l7sTO1JahUfKEsCNhwz7txx8fkAkFutmFEOjWLGPCuznajz26Gq2GmPiHHI"
    "s1MNgbaAti74bVJcPmkdjrjmLFtm59x9V0hSxo0xUqpWI7RoxWyHHY6X1HmG69XjqKEesa"
    "egjsCNPYhPfENOZd/eDC8xg15k+I7ojWRHTSIaj4NkjOSd7GmL21Ol9J90o95EoSiG8hXk"
    "8I/zcjStbA49plRsiDuu+/nJYyvCVf1eZLkK3WcPk+hogSW0zJE1on8fYtMOGc+Q0EpX+P"
    "Lpm8+7iMLuuJh3LVFDKRJxddDsaXgytx7tIywIv1soKY9aL7CPzZz55zZPbF2BmowMQYnL"
    "iUmbFTZkZl5WrWynVcFpjqWPfiBpcpThpjHoaDq9Hdza8XgMushMus28xL7Xo8wci0JXSW"
    "VZZ+kqqeSTksb2nY+mjZaGF8rQJxRNHmNb81fynFXgq4SxpgpSXLh75bWrKMNtx1tteEx2"
    "iVFrzNWnAbPbM9Z5t5TlKqWW7zLMflwZLSTZxkKwe/lk1nHVJOxpCQQjgL70diI+MR/4jK"
    "Kj9CV9zjQrdA8WHDl1DSTqwqqebhzzK2Gf4YJrhoDnKc3bWgl15vY6+z7mC/q36vWN1jU8"
    "NjZFltj3+rX6jsiTVqUtXzW1ZZ5ju+/a60QHt1Njco+2I95V5pcThG00lprQFtkIeZ7VbH"
    "2aNROJfDeUb0tXQ5T9DXHFYRI+kEykUn5OEvk8ThOMDy5Hbwy2nigHwzuvsUNI9hf3kz+i"
    "CDXLayN0DeoYW9b8iVZ/nePBCVpi2fnXdX0+Za+paznqRUs96WWZcoZDKOKXPf0a2aSiZF"
    "pbQyWSaaEfZKQpuhqyemtQPoFui8ko4kOyq+dvP6acexbKP6K7PM5DowGauoAeLuudem8U"
    "1xyAS6bAzg7svNTTkVI3sFE81r8LG8Cjvq0LpuVrVIKZwvV3m5KqK7/UIFY7JdszpG32uZ"
    "LzulVtyrWvGJvZZc1bXZ+SmgbbNmoHf/eTQZXQBrSSiZ4qvR5Zdb4f/EoHdXwgXqp+urIW"
    "vxbOiItfhpdH05ZL+IMUdTPPhydc3uQVc32L3B3fXtYHI94s5U2FgJzuXT8zEM/U7YqbUt"
    "4ZALw0TSk1y+MjNG0uaJ3VKXef7uXQmMWatckMU9Cco+n9sC7ARlU5gfzmutEfWxAK6qZ2"
    "yCaI/R1r3jXdorY4U8jCrgnCDaZ3ISyzKNuWDL/03mFNFX7GkIrvaDfyPr3DH+LVMfFySX"
    "Cij2J4G/bvbss+ekUs4Snr97X2W5RxTdS5hRv8uxQ5ncrWsWpJVcu1Nk3UP6XSnn43cF3s"
    "fvsu7HK8Nx+BCyHKTIABWjUkkwlAnqL2yMKGOCiikvMrOeu0sniZS2fLO2fBXFpO+oxy0f"
    "3d42iMvqcZOrq6qjaKPKSVc36BBTe92TKSeju/1C5SRvp6Gw4SbtZG+EEXixGeMGfjgv+z"
    "/yIuLA4P4aEFtc8B1j2d+QAsedzxHSkX4BXpakz/6BlP+LcD+t3Km7/yle2GTF/7bRGfiZ"
    "dUwRBqwv3omN2Fp06DcOm3qIHSiU4xcAshsLHjfCH7aATNTVg6ZTzPb6Z+QATIAADZwY1A"
    "HzJcSPbNzQATYxeXs+x+DFoEtg0NOzXr+M9raSvrZIcOmYynYvYku+Yve4ziIHSDLQ9qNH"
    "qcAUL+C10skjTtKQC8TxGUjSiFbVLCapOqg333PkfU7I3BFE22+Lb+2mn2cDVsHWb66gLQ"
    "Htip2FSCU7T0TRQYBrTqrLtkfi2vNqnCFG0z0LWv1KWDL7J5rLffzyQU4QdU8BWz/KMPRb"
    "KgtxRNFBPtGIgdKhkLoOg1CXMIx8I1mSSunfJCdhT6rUPC2BhFH873h0l2dnT1OmpUhjTs"
    "H/AdNwGgO697eFi8XXBGauYVIDO2f8eX9vyhhcgC1HKiFRZkKL0lFE/aSoyDvIhBbpOrsr"
    "8a4s4C4RSQfZSz38O6OBPoyeNPQ1lmhJ437I+TrSuONzve6b8Zhw3rsY3u+7qAX/KjpBlS"
    "PwSDUVDDlZcu58gEOCzrmZ1S9OE1tHEnBzmULYvjMuTrWd2VS8sXL2aAFD7q6zB7eoGtwR"
    "zd+FM1OfLxVJSHcSi1qmTNm3/KNCVZvcSOJ1SbbIfpdHrmKuVVRw7d5OW0QFZ9ZnDVh3PP"
    "Vg3ie9Q5Cwn8Ru1wpRUSq8biCfykemSq/sN346lc9SpoDLZLwsUMMlc22W0sb1JsJXkDwZ"
    "CCwJGzN37oNYJyvwhNY/AJ6mH3APvvHnwavzd++B4QAvPgKcQMCVRDPoIMAkvifwyEQ7Ma"
    "KEv2LdD5hiTID/igC+wPXpGfhDOMX8wWm52yJ3gxRXxC8L2Q5r6tUX4p6NwuvwhE8FWBB7"
    "inkjJn9SDpXle1IK8lNequCZDR0/siH2ubejjoQIyz4Ccc3xihv0AcK6ePYUB0Nj//H7GH"
    "2lgXPkD0CwL4/U+xt5I/aJmvCDVArPXePW0bpydYg4jaoNsdF6rXTKqu7MTqkXjrHujMr0"
    "XrsqYe7Yi6gwWWkDSoKqzeu8NQzbhPjRlYZI5cMcp9mjqcqb1aNzTVQ6/3zcu6vzR18tg/"
    "W2xawnKVUojQql6fzOX6DZzjkDVFe0dq4kfD+la40vrDZF714SF1Oh/ZDoxLxb/WJlWNRo"
    "oxLsjj1AByuCCSXYmAOf2PkBeDpRNrjVjP1mN1YIiIBZHi/bBxg9I9u7wA4DJ6f/9e1ZRg"
    "FWd+c76IcOK2e3SIXxpkwClDf5+U/e+OlP8rVGz9B0K6ZTCkk642y0h8DktjjRug5ln6+c"
    "XwX3ihlWvJUqqX1MB5EiPkDZhvpow5X0uFfEDVKE9fCENkC95yRrC8N26Bb5G+NU3fOsbU"
    "LLLMrJVgU6QaRwLoOz6yC7KsxxGhVP2VIFZ6sxrlm/qdzH9+Y+7riWRWzKpvIZmVUWdIZw"
    "j/yZa2Z0dizfD5+uSx7Mgs5kfUMCOlfmFoMeEhbpco+PqRTgzHWz6TqCJpnzyuUzIlGIF7"
    "KKFKVKLlqBYcwgxrIw7GLAQyKFdTWsNRtBp1ryhiRV547NjaRvUBbVfPS7a1FVVRu7NusS"
    "E2vGlV1oFRyE8BbznqatYeaP5wzW8omWeEzY0Nnq804Qqjlu2xxXsOscuhRgO2e+ONbHT9"
    "u9I0zl05sfI0b7jYdq2+ngIAFRse9OYkhNfpX5plQ92W6j+8cAAz8+0E+XTsxnpHtp1H2r"
    "7DcOsGzC+l8FudFfjH+z173gic59Pw5isRnWsw4g9XevjLztMvIel2ip3Da3O2r6H3HFkI"
    "0EkUoAIYva8JlgNWBTVMopNgusyluyR5djGOUG2NXpuHSWgbZBXNbpOMkUN+fQiPvG7Qhu"
    "3BnvuLhDWXBTjDEnaYacT9QAsMoDc2jX+dgMSIWo+PwUCVGJdsoj9Zj2qX6BsKKCAJp0zo"
    "uPLAPyBH3NPXIlyDpg0S2S/Ia/TBJCXyZJXyj43YzuPgXN05n70kVoRMIoibauyGshRqVc"
    "yiq4lFG4WPCs+3LJorBoeJq0Q5Lbnl3bVTZjlc34+HgHV2Rq/ya4WtW7OFH3nKvrd2B35k"
    "uku7L9MD9tcJxG5QvePl/wkpiGDteVUjbHaRT222M/Nwl368CEGrK6boX8PEOr2LpKUv/X"
    "dbRT7pV/xVkv5V7J3qyaSSlG0SF5rylbEkerDkNSt9OEx9bUEWUGbxubKuUK51d4M3aFKV"
    "5Pros4HcYB9SihomhlMRR2XVETv5vusDnlg9q4D2oqCa8E3luI1xPC/615r22XQaxgqxXv"
    "paWMx+Fb2nzRcVk540LggUlsMRFPaB2i7G/V4ST59zKmdLq0ifu4jOiSlmippZ1d19I23j"
    "8LjeQfndUDmhM7aXDO3OwXmcgXzkqzo3Yb/YyhQXhGH/BxfAt4WWgEINZFjYM+cAiAYAnN"
    "xauFYZpI9x2AgePaz7zsAS+bgBiRTbMOxjX2u4Oxns9n5jsqTJG/tS63XR9RY7Gr+TZ8Mc"
    "tV0A4Juqc7byRYmCNfRX0btG9H9XH+2M5UH1cqpvwPoVsqpgoxf036zwVRbZKDQSzgLf9Y"
    "sIo1atJt7jdfOvDPTTE1+u/Ko26fHnVP7LXkm/Hm8ioBbZvLTvQuv4wno9vhw0UYsJYuss"
    "KohzxYjaIpHv86ngxvL4CzdpiQnz6tlvLMq73YCkVfJdtHvj9e0F454lV2xLNFcbQs2OMV"
    "NM38Mq4hVYfsA2/Ov3sfMhv+o4jPjG8HNzfKrtr940+pQiC6sd2kJwhVWov2nHCzc8xuLo"
    "m9Tc1rCWWHuGZ9Tp0eTNvFl8qJFcwyh86YFFIS3QSNCi8tUdEmtOHs6BTQOWNQP13RJr60"
    "NseWpr7zGhDufoipnDeWiDSNb1w1IN1xBxfJNr+LowulcL5cye2dlXxdwo46xEWS/m0Gfq"
    "onNdYN66mrKBGXzsjX3WAaiT66l0dsD/ppsbTyddTBytuop9bMoOVGA/YIIzDx69KAObHW"
    "gCwABH5HF8BmS4JXt7eRZRrI8SuYWdB2eJ179FViu66nS4my/LdeLMYwLKYTvDO7/HtGnR"
    "6/2Qdx9bpSqO9Voe4Y+tb1ygPao1OojyeDjx8vgIiPbYfSfKv43l0je9u2FR4mtFfGsCpN"
    "Q04Hakq2npKimcidhu6ir9RHrUO1QH0U80nYUeYuf1ZvG8Rlxe7kN7tZg6RUczWq5g7j8p"
    "MUQyVCVUZOzRerIrG4Ye8f7tPpimfrrCl3++FCS+z85TdIyTJ9IYeIi2lpqLSEU3Ty6JiQ"
    "s5dTRkFqYXUGP9yBj0GX49iVd9oLKNosfW7pZ11/jTwLrk0ii3TN97OOkezf1fowfg2NOF"
    "VHe8dWOpaQeo/+cRbCuu8iVkXVcj+8u7q++3QBfPopHgdXnNiVifhJp/jj4PpmeMVHYJhI"
    "n+IPN6PLH/kFv6JgO1Qz/o6fmb9i56CIqoPeYJ1yDaI8PFZmqMv3V4mRqPxu6b3cRjzToy"
    "wnZ75HaoxEAZoG1ETQQUXVbQsKrCVJlZNimznRwUwx+5nTI7HE2GihWdCGqyrSSIKoxXPQ"
    "HnnEtdnnUymuNkaiEN6MsI5010JaxVDxJFUtOLcoYLyRNOQqaiQf/e5GjXAJdospj5Gpw1"
    "ibD2Ot8gpo2TwfRkfMJpe/RWYS8jWYEYVK87u9/lIU6Ua2TSQO+/lRvUmqLhzY9h3ceygn"
    "mJbBXr96alGZl0c0HUJ03252B/E9aif03Ylcaxm+u3vHyIOpDuHTdaTQFrh0ybFlzLUGXD"
    "sa3ZJGN9qJdghP0xE30O4endZRzBuNKLq3DWIbdN2TeL6F9/pFTm9WvJWqFXlMW3cfqFqR"
    "G5W09RdoMtEzkphOCyoo+O3rsUV3YNnGtN3ElCkC8tdpSNCB/F5N2x4NJxxzdmMuKqeUJN"
    "yullKr7DZF4mZ9hZRUKcJGoc5IqmUOp44JNYuYxnznChhjE97zjsqUwDiWo6kqWHDg0zuZ"
    "M3EH6V9EvuOe9BCfbLLhLO831tyo9cbcAF7PwNAdAE1uYl0DCp8Q9lPQ2+gVexDjUTbSge"
    "u3dXjGULCEWOeZ6emLMUfZDAF1dryDfOF1XVlLmyDrztHtwFExNpojNuXb+DekSPfj4LDX"
    "Gequf8PCkTjA5Zta/ebKzlrNzlrhhNTktjZGlHpQZLaz4FbhNubEGm3cvR64O/IKAZ/IAW"
    "x7AFBfGRgM7q/BnG0lj8gBJ8InlP+kfcCX6itRMxYsiWs7fXB2dnaa3cBq7luVaGmLMid/"
    "f3qGplup9HZIoJiVqhSiDgVHUilkvCQvuCBrQOJ+8WbFW2pVKof0fmYbRZQpTWwqMyb0cG"
    "dOwLvjMtDLBdANtrlQh6dVM6iXMg2cEBvMoejpVNQKI5k4h5q7n2J+d+ZSytZlH7zYBqUI"
    "g5cl+4ff4aGYgJHx9OVcfAtFujMwwN5Vygf0QlxT97fMKcbI4FtgIO+Jsb2K0snZaOHyNH"
    "GM+GQa2ICDxmwSDDbN+rTnjZHtxhA82sS1+Fj9BzmWGBdG/P04BOevxVB52TS2f7s0V6xM"
    "JGIoyDqn0i60UsBUaRdamWerCP3uptra8wTMiF5JTAjad8Gftmmr7wraT65VBd2IooM5Re"
    "oH+LhkgJZYL1t+5PcUgW0584cGPNmBP27dKzjtB+ZE5S91jI4nbfWXahVrbySs1XEti9hU"
    "y3GeKqh/nCbs3mGl/mjthWE7VGNs22LPRZon8FbJSZPfQZeO5zVGATkMOj6KLbCWEyucJT"
    "izQwBmz9N4zUmShfijSWAOyBnKFL4LTtoUwq/Pvt//0fBq9OXDzRDcPwwvr8fXvtI+PAuK"
    "m/xS5GX1MBzcpAVKG8H5UoPzwOsny7U3J5PJdLJH101M6HKL1HPs3meRaM6nF2Vyrz/+qt"
    "0MB1fiqrFYMwYO9SlmsI3H15/uLgB7T8cxHvEUf7kLrrnYu5bW0h7GI1R5KO7NGTRY9dVr"
    "REooVbBiFuAgcKUauCkqBezGKNB4gNCOUXXxiKTjwrhsQF1qeW1OQR//2GtAuON19SSssX"
    "LgYqMqJgqpc0lc8QJZHVN0t1+oZOLtGBhBw40GZc/r2uHm2z5YEBvoxgpMe3DKyAVWAGLn"
    "BdnOKXgx6FKYRZ/Qug/8lFHsgrimwzU4eeQTkDEq1/+IKZ72hA2XdWZ4N1cEM1LvNut8xT"
    "v/g6Fh0z+ErVlIpbyL0zNGjYfPyF4Dz2+dG4cFYuJRcwQsZAOvI/YfXzV8xAjzvKAXrO/Z"
    "tAdOhO8O+8FG0Wf/m7O/8MmcDfeRsI4NXVy1eMvguw4umvwiNysHuQe/cYCvqQBCUyFa2b"
    "zV5XgwmeJvz87e9cFrdh4UX+XpGbgKhuPB6I3eSYIJZmvg1ZL0B3vhuaDxNt84U2zovE/M"
    "sGPP83I7M2Ej17DNEBC8IZhhAa332Vrsr1X0VXmHVoQS9Qj8H57HkzKHt8gEmK/X9Ke8rL"
    "bNb95FrWYZWSpflEpLUuE3VBbZkEBhuwnbkC1ljYA5OuKAoMj2d4QoF2l3BpNhJkVniomX"
    "FIkydEr1KAvuTO6IJbFNUSlkJcgmDhclcU3QKFQlqOY4sudvUHmO7F3YoOq3sOVGy27IPq"
    "aqPMh5gAk1LuT6ZVrKcoEklYJVBqunM6mMa5xMAZvJW+JAqn1bAdKIQIEpBfO8KpjnCsxc"
    "MN9UBfONAjMXzLdVwXyrwMwF811VMN8pMKXiqKcgriKKRhQKzhw4NZmH/yZENamTvwI1xE"
    "cnL1XKt6XJFLAVs181buH8bDiU8EDNXp6VM2rR32zpXCYab7R2fiYvgI0vsPw5oYkxYUVc"
    "Qh1AoLvC4Q+DkxViczQH095i2vMNiYF7az9j7az/Edzayc2BkbPnadCZSR5fORacs+5nrr"
    "BlnswIPXOQ/WzMkXNmE9N0LefMu3na56bNKQ6tmQA6vKfIuAws03XYKBxuffSNgoZ++gOA"
    "JrK5hdFmz0QLCohLN9oKxZuWMRGG6iMPBf6XN2BlKVSWwqNSFtZszQq/oLLWrJBAWbOUNU"
    "tZs44MWWV3adTuEp0uyuIbUXQQ4Jr3Kv/ElkF3vIKmme+wHlJ1iSO8Of/ufcgM+I8iPjC+"
    "Hdzc5FUpUlbCbsi9rjc2ibzrOpvlXL+NChk/rp29rSHjHczKGOObNsSOl2tcwjzzkzGm6X"
    "bKybgVK+39beFiEekIZq5hUgM7Z/yxf+81NBUF0DeSqlFV7GgwPpMnmuUvrs1y8jhtjrZN"
    "dbFH0NkRsSLuPXZougCMbooHn4Z3k/GFF9rgTPHll/FkdDt8YJeCEAsnraY9zBzBZ2h4QG"
    "VmqDiMNk6nImnLR9J6GTZn6y2L2cjIFfzl4Q8+P20OsWYjy5SwpsIJkHegpqD8FBiOhtFL"
    "RdgjIlXAqTzOCwNDSX6iTUiHZHtc1uGVo8XbJrJdtNw5J6CtJR1UE2u7dzf8mdGhlym+vt"
    "PuH0afHoZjdpwxsGbZhB+x2THn58H1RCQaeYEGFYlGWKPRzU/DqwvPVPyMdHYYuhmN+RVR"
    "VkBvxzGI2DqSyAG5WoWwvVJrbV3MTJXokiUJaLRE1wStLDOnNld4r1+k+6PxVkr7t6/V0r"
    "T2jxo0b/PK0+zTHXastn2M+0gZuSQ2nbsSea8gW2SMpimcD6dobSCMDX2V4DthV3MWsd++"
    "E2u4AMzJ8JdJseo0TKV3M7r7FDRP61NThaMhfnT9KiFlF3ScpnuZT8twjXyekeEYKr3d/r"
    "RCnkPsFtnak5SqYlNb0reXKeN4WKe8trGyZvPuRZhlga6cF+4q0dlx4Zwn9/VTyeEyi0ye"
    "fe8w/iO+1C2TIkN5vECGjNo0KUH+FunqPQRjlTVY09+yEEd5OMT93LRh4m4iaUe669i2IH"
    "9UukGy6kfsGYuFFqvn5F2I1/EqaEaJZczDRgVvm3wB//lKAN+r+427mlXSQEYE3anmXV+m"
    "CHf2TzSvJmtHJJ0QB5Oiyfm7dyWEE9YqVzwR91IoE9eeb23yiKj36NVB/ZqMvWqoMwn6Zv"
    "jpYXDLPgu/hyke3F9fAGgZ7K+b4cPkwotIa4c9QwxFe2JYVPkGklTdE9Dr1zgpwTEf+u4K"
    "jsdV3E3N+uZZDzBKF3guKENUffKlHdSwBlrGc493yrNfeuC1sMVsp0jVPLd5nj1flG228T"
    "ihmuM2z7EJGfcNVUKBDqX6lBf1o1ZA61eAV25jx+mXdaLmvs1znzp86bKw9krHN10a565m"
    "vVWzHqtGucWMZ6nVbLd5tnmmX27V2F4nGe9gj2pJ8lRVITn68QKQJ+5y/XDnu1yLkqBT/O"
    "FhOLj8zB2s40mPD6+S9LG1t1OcZKnVp9j2T9GC7nZCVYZYzfWRzLWD2HvqVVKEyIlVWIUs"
    "33AW1uJUNgFNh/yT6shjo7IN174yGVYruXNXvvd1mq4L9sZ9O2FnPH9SrsIF+UYzpB3iEn"
    "tJPpqehZhX1hYTkaRWc7HbXISub1vMRJxWzcO28wDt+dJ4RrIZKIxfiJGp6PMKIQw6otAw"
    "K+WXipHslFqqZet97zmkAlOQi7nzQ4VjpYRSHS/bk9y3Zeu69nM79EqDVwM2RaWALcgxVA"
    "3YJFWXks/WhqxKo94kupZtENugFRlCikohq4oCHybEMGCgWYwrBxhexro6MpDLxhemtptE"
    "dOHDcDx5uL6c9HKYbw0IVwrhPFaMi2M45SgH56s6VnGsq+M6kZVexMnDaAJeNgZw9+Xmpi"
    "fd42qA9z7WVUcXcGpvL7F8o9zwO6IbJaLvKLaJ/b0EsoFEWwO2g8dOh86nZP8crpAfOR+v"
    "zyKU8jvmqLv1eunQWk561Rr4qR6EblhPXUWJuHRGvu4G00j0UX45Hcn3m8AJPfOU6bvh5C"
    "WhGD5363TZbGbIGGS5aT1CRDfl9tBQ2HJjAVTWqb0G8yXEjwiQBYB+mVJwMpo8jIEop2qv"
    "T0Vtz0RZ0yqEZbKF+EPP5udQmTD2mQmjatD6TuHqbfv2m45XZ18isT2MpBBvdpFO9tBm0H"
    "tB1Y2o6IZfmcMvzBFP4TD+dTwZ3l4AZ+1QtErzmsN4THtQVzN7xUiUaUZiTBT4VK11laTq"
    "XuWfJvLdcv5eyRnBb6+KXNXvoKCSlHQsXUWZJCWJ42zJ7SNBo2xOm21OUSrDHVVynatj0E"
    "8p5RJLq025LH9GsyUhTz2J1Bvc6hdJvC+xRhuF3QEGDCKeQIxf+cYBCOsWYZcYaEsUCLCe"
    "DgQYFDjujNPPkA4oAdBG4H40nvBfTIpF/YxMXHP/Uyw0qTp4MeiStXeAg9iewETsz7eDy1"
    "fjz4Pzd++57M07nxG9tLStROq9Jpc8aG3XQ+8AzZ91XVtSZCsfXr95B9E9f/22DLy8WX6i"
    "SXEzCXCeUjhfnIgo2iFQ8Od1RqDwNoEqSz6i6OCqb4SnqOoPqvpDCxZ6d+VjlcSza7MeYJ"
    "RO4pmR38u4fjA5j7FS29jV+cOXIa+87rrkLNaoPToNW750Hkd2o5Su6fHWG8X1EUaesAwW"
    "xAaE/fL7uQAvtkEp4uK2J1nbEDvQO/T58rBvmaZLSMFcZLjIiOs19z/FBu0HEvxszSRyeh"
    "a88JnfswNcTA1T9GCjOeI3AYVPSOgD2Cgg5TUemahvu+xRLj2b4j+e0PoPYDiCKOjwG0ag"
    "szGLiy+GjcDJL68+I9NiGD69Cmbl1FM8OGzqeFvEr02x/wwAsc4GEfTYBw4BMBqVbhPLAS"
    "/8/djQlpBrHxAubc+PXBF1F4WFNoKF4OkOKhe6KAof7pg6Yi8BwwV+AEjipFvgBoBkhdi3"
    "FC8OC3/SB6CMWflNvln5TcasHPrmlIU2JOig7NZAEcqD2F06bre34NokstjqfA1QjGT/Kq"
    "Dmj2P7U/bkePSXzKgYUu/RbcJCWOcQVpuB3v3w7krkUvTpp3gcXHGCK1fDm+ufhg88vaJ/"
    "bOHHro+D6xt+aQENsy35FoNzXAU2FCdRiQgywcfuNumiI6oOKgqOVzGQ1QeZCDpIE8JR1T"
    "lOkapsla2eZ56/3Q++mhNdomLP5Y8yUnVay3JKgROybSKJxc7PB5ikUtkAq2cDVIaMvwQH"
    "Cw+e2xxHUrRqr2rzTCeVlSV3qSSR8uLc7MUZc+Hb0Y0z5jF4ZBCX9eNMrq42OXIOkG3Mlz"
    "2Jpci/0y8yEMGoTZNFyZXj4z4dH9lO5/jW2bLK7hhJB9XdjdSB5h9VBYT95h1E99vXr8to"
    "8V6/zlfj8XupQz3BVGqwyVd9x0iU6rui6ruCs0j9m9mf/w9Q1+M3"
)
