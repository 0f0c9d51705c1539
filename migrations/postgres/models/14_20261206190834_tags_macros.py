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
        DROP TABLE IF EXISTS "tag";
        DROP TABLE IF EXISTS "ticket_tag";"""


MODELS_STATE = (
    "eJztXety2ziWfhWU/oxdq3jTTpxk3VNTpdhK4m3bSllKd89EXWyIhCSOKYADkHY0s3n3BX"
    "i/i5RIiWJQ1ZW2SBwQ/AAC537+01sRDRnsbLBA2Opdgv/0MFwh/kf8Rh/0oGmGl8UFC84M"
    "pyUMmsyYRaEq+plDgyF+SUNMpbpp6QTzq9g2DHGRqLyhjhfhJRvr/7KRYpEFspaI8htf/+"
    "CXdayhb4j5P81HZa4jQ4sNVNfEs53rirU2nWs32PrgNBRPmykqMewVDhuba2tJcNBad4fP"
    "XwNRaCHRvUVtMXwxOu81/TdyRxo2cYcYodHQHNqGFXndmRJe6ynK/WiijIcTRelVAEglWI"
    "DLh8qct1+IIbw4/+n129fvXr15/Y43cYYZXHn73X10CIxL6MBzP+l9d+5DC7otHIxDUC1k"
    "oAWFKyUL3ff6IhfgBOFmpH1c2w71/5yfv3r19vzlqzfvLl6/fXvx7mWAefpWEfjvbz4K/H"
    "kDwj8W9xPyJyScAOf/KeSvlpBm4+63TwDOX2QbwP0LIeLhB70PyFfwm2IgvLCW/OdP5+8K"
    "4Px18HD1afBwwludxkG9926du/fi+NoM0aoYR2m2wtlbtu2E+c3rEii/eZ0LsrgVx5gSIw"
    "ffIbZXDsY3fEAQqyiFtU+7v/UcnmMVsO4NPg7vJ5fAoZ3iwfXdzT3/pa103Ntmqb8ps9Lf"
    "5C/0N8k54Mex/pQxC+8JBxji7IUeEiXgn3GqpvD39/QGFnrRbjwa3YqeV4z9y3C358TefP"
    "/l7v2Qo+6AzhvpVs6WzXHSbGtdEesIlQS7PNgGxAubf3VV9u8oTff27zKHZP4RmTogDcgs"
    "BTKmLzDSFGilgb7mQFn6CuWBnaZPgK55HZz5fxzfFBRgPrm5G44ng7vPsRV/PZgMxZ1z5+"
    "o6cfUkubUHnYDfbiafgPgJ/jG6HzpoEmYtqPPEsN3kHz0xJmhbRMHkWYFaFBP/sn8pNuMq"
    "RQL3LeY6TlnDLLeOIeUvqI2wsfZW4JFMu/expGZdyNLzx4jgJy7MoPr4DKmmxO5EOAlT5/"
    "L5I8Is44TzaD/88oAM6KCbXgi+RsHUJ6Kbo/3Yw6vhaogwvYiZvIHO30CZE7obVlccmwWh"
    "645itYIqJTsupzvRR1fxQYxxfmVXhNxeOopRwGJYuvqIrB2xmjiddAgqsbOTc5K316dvrc"
    "5Xmdu/hkxIrRXCWRDfQbyeEPFvSqrPxvk66O3o9IF5UPe9l1MSGvT4q1KxBPlqDZbvIkCU"
    "UGdKHtE6jrenSg3mzGvgUHr3rCUl9mIZXtZiDxUyJjKQK0tdDcZXg2uHlVBSwDvrZQUx70"
    "XzEPjeTx/dWYaCyLFeYCvwmQhpL+iUvUCqq5tVVx+XKrU61r2o5nSK41rVh+HgenR/+/dL"
    "IMQwIsSwbealdt2qs5EpS8iWVZZ+nKqeSTns3tKwGcGkaK5/qwJxSNHmNb/1/lJqeynYXZ"
    "IAS8VPPvTdUvykFLw22165G6GVit02K3YpeuJnzjbzHKeUs9zmWY7KgyWlmyjJVp46LZvO"
    "OqSclG48gXAa3g+EIn2Bf0FllR+BT91xoVug+KDwOZC0Y6sqU/PwvYy5QTyGCy4KQ4zxge"
    "6o17tyexu7nXUH+131e8XqHsuC6nKV5xka3u0Xqnzi7ZrU+Xz1NeZi9f0hNUD71AA98tfa"
    "VkPh07ZZWut9/jSajC6BuSQWmeLr0dWXO0dJwaG3V46e4teb6yFv8aRriLf4dXRzNeS/iK"
    "6iKR58ub7h96Ct6fze4P7mbjC5GQmNB9ZXzubl0YsxDL1O+FlvoXboOua6gTKZi3wpPELS"
    "5ondUgw/v7gogTFvlQuycy8DZW+f2wLsGGVTmB9OtdSIZtUBrqr6Oka0RxfV3vEu7RUXEF"
    "2MKuAcI9qnK7BpGrrqbMv/TVQu3b7gT0NwtR/8G1nnTP93lhtwQSiHT1FPDEcZ3F82y/vs"
    "OYSDLeH5xZsqyz2k6J57av12AWZxwVtTTGhVsr8kyLqH9EUpC8FFgYngIm0jWOlccuZDSO"
    "8gRc7tEao9OrcHV47Wu11aZPLXenctMhHlRWrWc0/pONH+zuqWqyoK1Lir0B9yR0Vuec/K"
    "tkFcVpcbX11VtblNKicD1+gM1WTUbTpfMalGW9Wqlvzai/vfOcP7QzqoSQe1NvCHjYiXHL"
    "msYId8gAOCzqlP6le+EqqhDHBzN4WgfWdE9x33BRkPLYWYVm3I3RViUnELJfesFJ0UZTK+"
    "qWh04RYOP3nk0vlno9QY5+h3FBx3C386Etkx9UVni4+Fy7sGrDvubZX3ScfA5oMB919ub8"
    "u5XslIyn17WiXc07JUGikHtgLFRtx1rpR+ozdZIqAS8qgjsCR8zAACCrFGVuARrX8GIuoG"
    "6BYD40+DF+cXb4DOgGtJAScQCLF7BhkCnId+BAvOLDsjiqJd+wOmGBPgvSKAz3B9egb+dI"
    "Jr/hS0Fn/c4PMNcK44v0xEGW/qhgsDHYNn3VqCEzEVYE7oFItGnKO3BFSmG4rkkp+KyKMn"
    "PnS84EPsA0KBhhyhgH8EzjXmxir1AcKa8+wp9ofG/xP3Mfpm8V74GmfWz8D5NF1S92/kjt"
    "gjOuv1y/i7SRXSXj3c0LpysFeURoZ6bTTpSi2dDCP94cJIZeBG7WKyyug8zDNQWiUdo2rz"
    "Om/Nhn2QNHzbKf/dWW0e5Jrz8Ektaj7u3dWiom+mznvbYtbjlPuZ9QOk32n7JPsgFc6ymw"
    "qi0skfJZEn/0atbQ4PUF2J2Lmkhf2EHjG6sFrl50NsbDnajwydmHurX6wMCxttVILd8wdo"
    "YEUwsQjWVeARs5+BqxPlg1vN+G9+Y4XAnJIVWCLKO8LoCVH3AmcGTk7/66ezlAKs7s530A"
    "8dVs5ukQrjVRlX6Vf5ntKvPEfpfK3REzTsioEXAUln3Df2EHmROgQOtF3ZzOKfb/Z+5d8r"
    "3rCirWSGvGNiRIr2AVlR58DhWHOdMmuLSM8oVfd8FZvQMjvZoaoCHSOSOMsaRj+wgrPVGN"
    "es35QOuXtzyGW2aRJq8al8QkaVBZ0i3OP+LDQzGmfL97NP1yUPpkHnsr6eAbpQ5haDHhAW"
    "6XKPb1MpwFnoZhMozgyiikSEM5KhEC/cKhKUMgy5woYxgxijLHGlEPCASGJdDWuFIshIJZ"
    "N1nKpzbHMjmWikRTUf/e5aVG1T23LW45Ry1tsy6xkm1lR1IEerwBDC2ya5jtDK9MftmegM"
    "jwkKt8tlHiOUc9y2Oa5g15GF06oUTttvlE/bzryDhPlEwv4yzIPxoMB8A2E8ElGaCDtjIp"
    "ReGU1aS6IjS4E8Qd9y49JjZB0QsYs4guHvkxgz4CN6cjf4/TTGENyO7j/6zSMzcHU7ep8A"
    "/kl3olMrqpEiVFLHX0HHb8H5XFGXMDuipDDfa5K0Q/6le/Y1kAl7ZMKe49s7pGI0f1Ufp4"
    "pMKkZ/xFnPU4xupUrxsmTquypTojk5j2wZlFOnoJUpSnvvqlDxujk+TksqnQ6mdErEkmfA"
    "ewfxekLEv2UDnkpmTWqXGqEg2Ml5LyVZw8x/SyoWHT/K0tm+XDAJdSbiEa0DlD0hKZgk71"
    "4q65W1pMReLEO6uP4uM9aKX1eSmrHvharFD2z1gFQuR/QyNIvhzX6RYnHOVgoN222MloI6"
    "EY7p4MP4DvD1ZCEAseak6ukDRgAES2jMX8x1w0AaeNb/zVECzKZPInuPyP6DOBG10oFSNf"
    "a7g4pTzGfqOyrM9NJJXVyNLhj5mk9nlqugHRB0z7+2EZ8XgXwa3/8dj+5ztJ5e+yRTr6sW"
    "+D9g6Kyx47f317mNVQEhmNm6YemYnYnH/u0A6lCBT7E6NKn5TDDqooOkOlTKW/kfwg8rbz"
    "VpdbyDKiVZbIF7o5AlWAVNpJlxb19Bp82Mh95iGo4XklxjQ8BCJhJ38l1EyVq9xdaABKn0"
    "S69gFJD2F2l/acG2fZycYRn7i7s7oYpl3xJUHTLV12Y5FjoCm1WDNUYjQU2D6ps5KmYti1"
    "NJYDcnLovYgeIgV85d1j2TUj+Zuyy+vHJKH6T3hhrAHQcddRPa2IZYAlj/XKoB2o4X7kic"
    "4JXrddRmM7Tgog6L4QQujk5orWov9N4xaS10tGRZhkIObY6Z0CFJWwjdy5b7mFKmwTBKJl"
    "8B6MWxZKkAwxCXAiVgpFGTasCvnnuAB0tEqPlDagj3qSF85K+VrcXaXCbAp22ztrB39WU8"
    "Gd0NHy6Bn20vWSyAUw9518RCUzz++3gyvLsEbM04p9ErN0UNFw2w0LcMLUF+GIPfXsYvVI"
    "5foE6RnzTY4xU0jPxSewFVh6SdV+dv3wSbjfhRtM+M7wa3t1LLJbVcoguk6dtNeoxQhme3"
    "x8Sdocm0+ezQbeqSZlB2aNesLxbGhcnnWbbCOEEsYc7QcUalkLIaziiNLF1cQsEZOHHvqt"
    "7smjd4P6ndjC6tzTV0E995DQhH85Yf185QWheXuTeWUXdGDi6p8iwJc01liqFlQXW5yg54"
    "qBJPMgg66tAuElumho4f60mGc8t76ipKxLZm5NtuMI2cPrqXOahRB9XI0srXUfsrb6OeWj"
    "H8lhsjWEYYgYlXXwGoxFwDMgcQeB1dAsqXhKjSTJFp6Ih5lXhMSJmo14y+ZQSv1NNlhrL8"
    "ay+SmiEoCuG/M7/8R0qdHr3ZB1H1ulSo71WhznRt67q7Pu3RKdTHk8GHD5fASSvSDqX5Vm"
    "lRdk2I0raj8DAZUbI2rErTkNOBnJKtp6RoJnKnobvoS/VR61AtUB9FfBJ2lLnL8+ptg7is"
    "2B3/ZjdrkKRqrkbV3GFi/uJiaIZQlZJT88WqUCxu2PsndMrUeFPh9iOElgj/5TVIyDJ9Rw"
    "5xLialodISThHn0TEhZy9cRr4oJHnwAzJ8HLocx648bs+naLP0WR72hms9mXBtEJiBcH6i"
    "hQjJ/nMtHMavoZGsCnkO/SV1LAH1Hv3jTIQ1z0Wsiqrl8/D++ub+4yXw6Kd47F9hkSsT56"
    "c1xR8GN7fDazEC3UDaFL+/HV39Ii54lbHaoZrxTvzU/BU7B4VUHfQG65RrkCVidLIMdfn+"
    "KhESmRY3eZZTJBJkZ6Uyz/dIjZBIQJOAGggyVFSlsaBQUJxUOim2eSc6mClmP3N6JJYYiu"
    "aKCSlcVZFGYkQtnoP2yCM25Z9PpWQ/ERKJ8GaENaTZJlIqZv2JU9WCc4ty/zRSvUVGjeSj"
    "392oESHBbjHlETLJjLWZGWuVV0DL5vkwOmI+ueItUpOQr8EMKXZSYLYM/X3rL51is4hSku"
    "Gwnx/VG6fqAsO27+DeQznBtAz2+tVT88p7eUjTIUT37WZ3EN+jdkLfnci1luG7u3dMdjDV"
    "IXy6jhTaApeubGz55loDrh2NbkmiG55EO4SnaUgYaHePTuso5o1GFH2mOqG6te5leL4F9/"
    "pFTm9mtJXMfX9MR3cftDX3fYuUtPUnaDfQE8owneYu2aB9PbboDizbiLabGFmKgPx1GhB0"
    "IL9X07ZHnQVjTh/MRVnt44TbZbZvld2mSNyUFQSOBOqUpFqGOWUGVExi6OrOdV3HBvwsOi"
    "pT2PVYWFNZsfTA3DtRubiDtC9OwbNeJhMfb7KBl/caK3bYemNuALdnoGsMQEOYWNfAgo8I"
    "ezUoKXrBH8T3KIo0YHttmcgYCpYQa6I0pfWsqyidIaDOjneQL9yuK2tpY2TdYd0OHBVDkY"
    "r4lG/j35Ag3Y+Dw15nqLv+DXOW4QCXb2r1mks7azU7awUOqcljbYwsy4UidZz5twqPMRZp"
    "tPH0ehDuyCsEPCIG+PEAoLbSMRh8vgEqP0oWiIETxydU/LT6QCzVF6pBGAJLYlPWB2dnZ6"
    "fpA6zmvmWN5rYoc/LPpydo2BkiXP5WFRDIzUqWCpZMwZGUCh4vyTMuyBoQu198WImWSpXK"
    "Ib3f+EERZkpzDpUZF3qEMycQ3QkZ6PkSaDo/XCwm0qrplpsyDZwQClTo9HQKuJDEb6ZOrX"
    "q7n2Jxd2ZbFl+XffBMdctCGDwv+T/ijgjFBJxMpC8X4lsg0p2BAXavWmJAz8Q2NO/InGKM"
    "dHEE+vKeM7YXYTo5iua2SBPHiU+mvg3Yb8wnQefTrE177hj5aQzBghLbFGP1HsRMZ1wYif"
    "cTEJy/dIbKBDI6tq1csTKWiKEg65xMu9BKAVOmXWhlnq0i9LubamvPEzAjWiUxwW/fBX/a"
    "pq2+K0gfbbMKuiFFB3OK1A/wcckALbFetpzldxWBbeH5AwNeFsMfte4VcPu+OVH6Sx2j40"
    "lb/aVatbU3EtbKbNMk1FJynKfygU4Rdo9ZqT9ae65TZil82zb5c5HiCrxVctLkd9Al9rzG"
    "KCDGoROj2ALrbGKJcwbOnAnA/HmKqDlJ0hB/MAjMATlFmcB3LkibQvjl2bv9s4bXoy/vb4"
    "fg88Pw6mZ84yntA17QuSkuhV5WD8PBrfRoq4Rxjc6Dvh9+tZC2BJUMatsY1BaNd9gxSCga"
    "YHFcGJeND0osrzYlfh5b0GJXxHbGnhbnwrv9QnlOtOM4+A032m5cB0cmLCV9MCcUaPoKTH"
    "twysmdcl8AYvaMKDsFz7q1dCwQj2jdB152Fn7BuabBNThZCOxT9pv6HzHF055jLuGd6e7N"
    "FcGc1L3NO1+Jzv/kaFDrT8es4zCAoovTM06Nh0+IroHrIirsMA5izqNUBExEgdsR/w9BdS"
    "lGjLBIwXfJ+55Ne+DEMZPzH3wUff4/lf+FT1Q+3AXhHeuac9UULf015180xEVhwfHTfP2F"
    "AU8oAI5Q4LSiotXVeDCZ4p/Ozi764CWwsfNBnp6Ba384Lozu6FkcTDBbA7dsmzfYS9fbQ7"
    "T5C5tiXRN9Yo4df56bRpWf67k2JI6Asy34M+xA636xJv9rFRaGg4zxXQehWOpv74frXCAt"
    "Ty3StuerELwpLyvYes27qEAooz7IVx4khdngGyqLbEAgsd2EbbAtpfXtOeoYn6BIzX6EKB"
    "cJUoPJMJUNL7GJl2TXU3RSys+Ko4qfiCWxTVBJZDOQjTEXJXGN0UhUM1DN8RnNP6DyfEa7"
    "cEDVr8zODUzbkOhHJlTP3gMMqAgh16uIUHYXiFNJWLNgnVEh/VbGNUomgU2lCGDQUn6qAG"
    "lIIMHMBPO8KpjnEsxcMF9VBfOVBDMXzNdVwXwtwcwF86IqmBcSzExx1FUQVxFFQwoJZw6c"
    "SpYz7SZElUx/WglqgI9GnqtUSkqSSWArJppp3ML5SWcWETFRvTwrZ9iiv9nSuYw13mjt/E"
    "SeAR+fb/ljgYkxZkVcQg1AoNmObw0GJyvE50gF09582vMMib4nWT9l7az/EcLaKcyBoV/V"
    "qd+ZQRYvmAlV3v3MdmyZJzNinTFEn3QVsTNKDMM22Zl787QvTJtTHFgzAWSip9C4DEzDZn"
    "wUTFgfPaOgrp3+DKCBqLAwUv5MNLcAsa2NtkLnTcuYCAP1kYuC+MsdsLQUSkvhUSkLa7Zm"
    "BV9QWWtWQCCtWdKaJa1ZR4astLs0ancJuYuy+IYUHQS45rPK49hS6I5X0DByt4WQqks7wq"
    "vzt2+CzUD8KNoHxneD29u8giDSStgNudd2x5Yh77rV64vlXK+NjM48rpO9rdGZHUyAFtk3"
    "KcTMTeubsXnm5z1L0u2U/myrrbT317mNVUcfNLN1w9IxOxOP/VuvoakogL6RrGgyOX6Dyf"
    "FFTkfx4sosJ2VKiSrp8S72CDpnESvi3uNM0yXgdFM8+Di8n4wv3dAGNsV+IfVxWEmdJdW0"
    "h5kj+AR1F6jUDBVHIEbpZBBi+SBEN5ndbL1l3Ygscgl/efj9z09RIVYoMo2MralwArI7kF"
    "NQfgp0pmD0XBH2kEjWSimP81zHMCMVyCakA7I9LuvgytHiTUnWKVqOz/Fpa8m80sTa7t0P"
    "f+N06HmKb+6Vzw+jjw/DMWdndKyYlAgWm7M5vw1uJjf3Hy/BM9RFNu8p5o1Gt78Ory9dU/"
    "ET0jgzdDsaiytOBm+tHWwQoRrKkANytQpBe6nW2rpu0AqqlOxYDOdO9LHFJ9IO46GsFtSy"
    "akETmFlSQVzuF2lELViulIJUh7Zp1+q3Vh16aJtRw2ZPWWqjIWClOrNBHtHzmtwie26cUl"
    "bQaEs63byyWluxsy67phg6fqyFZ/OYjiNbCU2xbZvFhjuI1xMi/k2J2rvJDu06QvIA9plY"
    "JcG7Bm9Jxbrjm1CwXuHCRZFQZwbEKevD67nEBbPj3eMk3h1rSYm9WIYEHgecmb6MX1eSvO"
    "X3Yj4crUwjp1xncK+YI4+2kmx5V9hyS7fylGx5HkjWDpq1tu2u+8givSTUUu0MHqcggXSE"
    "pimcu8Smi0JQaXwn/GrOIvbad2INF/GGw98nMbYw5eIRsIa3o/uPfvOk30ccbAPihe0VDi"
    "u7oKM03UuGXmbXyN8zUjuGzGC8P+u1FEF/EBG0PcFDbdvKms1dHWKWBrpy9urrWGfHhXOB"
    "nBnLX51aZFUzWEuD4MGsXa5tMEvGDqyGBRJ22KZJ+fpr6HHlrq9IKTLe9Gt6AYbZFJ37uc"
    "mfnbux1IvJriOHZvajkg3iZdIiz5jPlUgBTPdCtPBpQTOLmLoaNCp42/gLeM+X6om9Wg3t"
    "1aySH0lIUI8jSQfQjRa0mv0TqdU0ESFJJ4TluOB2fnFRQnTjrXKFN+deAmViU3Vrx7WQeo"
    "8WRMsrYl3RktibDG+HHx8Gd/yz8HqY4sHnm0sATZ3/dTt8mFy6eUV6W8xOA875YijKI8ei"
    "yjcQp+qe+qIBs7kUq39Asfq4quHKWd886z5GkWlPeVUmyi5Wn/zMDmpYAy3bc493ytNfuu"
    "97vsVsJ0jlPLd5nt2Igm2O8SihnOM2z7EB+e4bqIR8HUr1KS/qR66A1q8AJ7J61+nP6kTO"
    "fZvnPsF8aVnJySqxb1pmtjI5662a9Uj57i1mPE0tZ7vNsy3qtQirxvY6yWgHe1RLkseqCs"
    "nRL5eAPIrA2Yd7L3DWqaE+xe8fhoOrTyJMNlq65vAqSQ9bup3iJE0tP8W2f4omtLcTqlLE"
    "cq6PZK4Z4u+pVUn0mE0sg+OzqsakYS1OSOrTdMh7q45spLJmTO0rk2O1ynZ9y/dNT9J1wd"
    "64bxf1lOdPwv+toGpEirRDu8ReSkgkZyHilbXFRMSp5VzsNheB69sWMxGllfOw7TxAqi71"
    "J5Q1A4XRHREymUNsm/SENhYm+ArMTQalZHLaUyiknbtJfdwjf/MFoetqwCaoJLAFG0I1YO"
    "NUXSpkURuysiRTk+iaVCdUtypuCAkqiWw2axwGfJRVz0VpJKqbwwD9DTSNceUgwKtIV0cG"
    "ctkYwMRxE4sAfBiOJw83V5NezuZbA8KVwiyPFePiOMtslH3+qo5VHOnquDiy0os4zozG4O"
    "VjAPdfbm97mWdcDfB+jnTV0QWcONtLLN+wztSO6IZFrTqKbex8L4GsL9HWgO1g0enw9oTs"
    "n7MrlIpud1XDu8a3u710aC3HfTt3z57oIXTLe+oqSsS2ZuTbbjCNnD7KL6cj+X5jOKEnUX"
    "5pN5zcVAjDp25xl/F0ZHAh05bm4NR8/g13aeUm4QhW3qZMHAoKWm7Kx9HjndI1UJcQLxAg"
    "cwCB2wc4GU0exmCpc3mOrk/PegnwKhGWye3hDT2dTUPmrdhn3oqqIeY7BZe37dtvOrqcf4"
    "mEuhhlQrzZoTneQ5tB7/mVDsNCh141RK8YYjThwvjv48nw7hKwNbPQKrnXHMa/2YW6mnkw"
    "QiJNWBlGVwefqgU14lTdK0/QRO5esb+nMc4vMOy3l4WFRc/1FhaWKUU6llyiTEqRGDtb8v"
    "iI0Ujb3GbbXJh4cEfVZedqo/UTysvY0qqal7N5yTev2lpUj7BR6i1beq03ALwp4AeOL7P+"
    "DHSLAfKMASXP4AQTi99a6pqGMLg7vwPOk04BI8BaQss5DhmY88MKUQBxKh6v9gdMxQK2+E"
    "VdZWBBiW2C2Zp3CZ51awlMg0884MuR6ojlydsJAdur3/FHWgwPC3sE7aUIvlcRXDIMPyTD"
    "EHx4ZbmFgECyChmypmTAJAN2XAxYYjeoA9VOWWBSkAYbYJsY2gFnw9RlFjfr3SlkZWHYRp"
    "YqO6ZNsoihe0KUefbSsjrPCEmblfxbqjwbyV4tPqoKCHvNO4juTy9fllEov3yZr1AW95L1"
    "hLGV6aObr1OOkOxfrdz8+dSoAjnFc+3zMPv+/+F1kWE="
)
