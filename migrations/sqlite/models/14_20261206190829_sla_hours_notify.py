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
    "eJztXXtz2za2/yoY/bP2XMU3deIk193ZGcVWEt3KlsdS+tiqw0IkJHFNAVw+7Kh7+90vAL"
    "6fIilSoljMdFKLxAHB3wEBnPd/ehuiIM28GKwQtnrX4D89DDeI/hG90Qc9qOvBZXbBgguN"
    "t4R+k4VpGVBm/SyhZiJ6SUGmbKi6pRJMr2Jb09hFItOGKl4Fl2ys/ttGkkVWyFojg9749T"
    "d6WcUK+oZM76f+JC1VpCmRgaoKeza/LllbnV8bYesTb8ietpBkotkbHDTWt9aaYL+16gyf"
    "vgYyoIVY95Zhs+Gz0bmv6b2RM9KgiTPEEI2CltDWrNDrLqTgWk+S7iczaTqcSVKvBEAywQ"
    "xcOlSTv/2KDeHV5Xdv37/98Obd2w+0CR+mf+X9n86jA2AcQg7P/az3J78PLei04BgHoFpI"
    "QysDbqQ0dD+qq0yAY4S7kfZwbTvU/3N5+ebN+8vXb959uHr7/v3Vh9c+5slbeeB/HH1m+N"
    "MGhH4szifkMSRgAP9/AvmbNTTScffaxwCnL1IFcO9CgHjwQR8C8g38JmkIr6w1/fnd5Ycc"
    "OH8cPN58GTye0VbnUVDv3VuXzr0ovraJjLIYh2kq4exO23bC/O5tAZTfvc0Emd2KYmwQLQ"
    "PfIbY3HOMRHRDEMkpg7dEebj4H+1gJrHuDz8P72TXgtHM8uL0b3dNfykbFvSpT/V2Rmf4u"
    "e6K/i/OAbsfqcwoXPhIKMMTpEz0gisG/oFRN4e+t6Q1M9LzVeDIZs543pvlvzVmeY2vz/d"
    "e7j0OKOgedNlKtjCWb4qTY1rYk1iEqAXZxsDWIVzb96sqs32Ga7q3fRTbJ7C0ysUFiYqnL"
    "rbRImc/FVvBIBwdcxlcGsfWyy/jnx8nXh2vAaef44XH042A2vAa6oT7T8bVjKXcHI8lraJ"
    "VcZOKkB1xp/CsnvNSYlgRNU11hpEhp2N9SzCx1g7KWnSR9jAGK28GF98fpLUY5vJiN7obT"
    "2eDuIcKQW/qFsTuX/Oo2dvUs/mX4nYCfRrMvgP0E/5zcDzmaxLRWBn9i0G72zx4bE7QtIm"
    "HyIkEljIl32bsU4bhsIIZ7BV5HKWvgcutEM/qCygRrW3cGngjb3Y8lwXWmVVo+hVQg7MIC"
    "yk8v0FCkyJ3QmVpXJYs8IWymLMMu7acfHpEGObrJieDp1nR1xro52Y89uBrMhpD4h0ydNl"
    "DpG0hLYuyH1Q3FZkWMbUexolu3sudsukU6NKwNKqRiO0WMNsg06el9T5junF46ihHtGjoI"
    "7AnTVIMPRFPlrn5w/nnMUuUnZO2J1ox30iGo2DZILknWxpi8tbncpO6Vir8qpUB8B/F2Rt"
    "i/CVGyhjWuXWaELKj77stJMcNb9FUNNgXpbPWn78pHlBicJU9oG8XbtcD4PHMbcEr3nrWm"
    "8u5qHVxWIg9lqimkIUcuuhlMbwa3/NwlJYDn82UDMe1FcRH4s58856TZF0NnoBwTo3fiEm"
    "bGTpkZhZWrWSvXaVlgymPdCxtc5jhqjHkcDm4n9+NfrgGTWQmTWavwpXY9Hl/IpDU012Wm"
    "fpSqHqYcd21p2PqoG2ipfisDcUDR5jlfeX0ptLzkrC5xgIWWLBv6bmnJEtpw26yuCQ/RCi"
    "14m7XgBnqme04VPkcpBZfbzOWwPFhQugmTVHLwaxk765ByEoaEGMJJeD8RA6kr/AMqqvzw"
    "XXFPC90cxYcBX3xJOzKrUjUPfxaxzbDHUMFFMpFp7q8FvXF6mzqddQf7ffV7+eoey4Lyep"
    "PlUB7c7eeqfKLtmtT5/OqZFtjs+01ogA6pAXqir1VVQ+HRtlla6z18mcwm10BfE4vM8e3k"
    "5usdV1JQ6O0N11P8OLod0hbPqoJoix8no5sh/UVUGc3x4OvtiN6DtqLSe4P70d1gNpowjQ"
    "dWN3zxcunZGIZuJ3Svb4vP0lLVUOrhIlsKD5G0mbEVxfDLq6sCGNNWmSDzeykou+tcBbAj"
    "lE1hfjzVUiOaVQ5cWfV1hOiALpG9053aGyogOhiVwDlCdMgIAl3XVJkvy/9NZCrdvqJPQ3"
    "BzGPwbmeem+kda9EBOBJhHUU/oVxHcXzd79jlw5Je5hpdX78pM94Cie17t9dsFTIsK3oqk"
    "Q6uU/SVG1j2krwpZCK5yTARXSRvBRqWSMx1CcgXJc1cPUQlP9RKe6sIikz3Xu2uRCSkvEl"
    "zP3KWjRIfbq1uuqshR424Cx9E9FbnFXVDbBnFRXW50dpXV5japnPT9yFNUk2Ef82zFpBxu"
    "Vata8tde1P+OD+834aAmHNTacD5sRLykyKVFhmQD7BN0Tn1Sv/KVGApKATdzUfDbd0Z033"
    "NdEGkUhBDTqgW5u0JMIm6h4JqVoBOiTMo3FQ7FrODwk0UunH92So3RE/2eguN+4U8nIjsm"
    "vuh08TF3eteAdce9rbI+6QjYdDDg/ut4XMz1SkRSHtrTKuaelqbSSDiw5Sg2oq5zhfQbvd"
    "kaAZmQJxWBNaFjBhAYECtkA57Q9nvAom6Aaplg+mXw6vLqHVBN4FhSwBkETOxeQBMBeoZ+"
    "Ait6WOYjCqNd+wPmGBPgviKAL3B7fgF+58E1vzNaiz5u8DAC/Ar/pSPDpE2dcGGgYvCiWm"
    "twxlgBlsSYY9aInugtBpXuhCI55Ocs8uiZDh2v6BD7gBhAQVwooB8Bv2Y6sUp9gLDCnz3H"
    "3tDof+w+Rt8s2gud46b1PeCfpkPq/I2cEbtEF71+EX83oUI6qIcb2pYO9grTiFCvnSZdoa"
    "UTYaR/uTBSEbhRu5gsm8YyyDNQWCUdoWrzPG/Ngn2U7J3VlP8OV5sHueb0nUKLmo17d7Wo"
    "6Juu0t4qcD1KeRiuHyH9TtuZ7IGUy2UnFUSpnT9MInb+nVrbjDNAeSVi5zI89mN6xPDEap"
    "WfD7GxxbUfKTox51Y/XxkWNNqpBLunD1DAhmBiEazKwCU2vweOTpQObrOgv+mNDQJLg2zA"
    "Ghm0I4yekeFcoIeBs/P/+u4ioQCru/M99EPHlbNbpMJ4U8RV+k22p/Qb11E6W2v0DDW7ZO"
    "CFT9IZ940DRF4kNoEjLVe2adHPN3298u7lL1jhViJD3ikdRPLWAVGI68jhWEvVMK0KkZ5h"
    "qu75KjahZebZocoCHSESOIvSZ39hBWerMa5Zvykccg/mkGvauk4Mi7LyGWllJnSC8IDrM9"
    "PMKPRYfph1ui55MAk6lfXVFNCZMjcfdJ8wT5d7eotKDs5MNxtDcaERmSUiXJCyFbNilCIM"
    "ucSCsYAYozRxJRdwn0hgXQ5ryUDQJKVM1lGqzh2bG8lEIyyq2eh316Jq60pFrkcpBdfbwv"
    "UUE2uyHBfTKpgI4apJrkO0Iv1xexid4jFhwGq5zCOEgsdt43EJu46oMFemcNpho3zatucd"
    "JcwnFPaXYh6MBgVmGwijkYjCRNgZE6HwymjSWhIeWQLkGfqWGZceIeuAiJ13Ihj+PIscBj"
    "xEz+4GP59HDgTjyf1nr3mIAzfjyccY8M8qj04tqUYKUQkdfwkdvwWXS0lew/SIktx8r3HS"
    "DvmXHtjXQCTsEQl7Tm/tYAKu9AfBpQ4hEaLuWbsbSFssr5Fip+2H/zud3GcszSGauIpClS"
    "3wf0BTzRNcnXOwZWDkH0Xip45+VOHAOogfRdZEUxW4TRF6s7EP0wjsq2Mva4Tp2TCxVLns"
    "ep6gFcu6yMP217V8CHvXX5Hrhexd9M3KBRSGKDok7zUVT8jQSoIrcpJFYwlDc2qPNGRufm"
    "51XzNOOBv4ia1UxQw5aKNTDPaFaeZ2051pKcxdjZu7YllsUuC9g3g7I+zfmtfGdhkwcpZG"
    "/l5SvHqq95YGm3RMtknkGXXAJAZnxBPa+ii7S6vPJPdeIt+mtTaIvVoHdFHLYWqUN70uxW"
    "1yf+YaNT+Zm0ckEyNqIEzc7OeZNJfmRjKCdjvjtKFKWEgc+DS9A3Q+WQhArPAkgX1gEgDB"
    "GmrLV0tV05ACXtQ/KErAtI1nljeQ5R1ElMiwkiHaNfa7h3GV8TPxHeXmmOukFbBG589smy"
    "vnchm0fYLu6Tob8bZlyJdRt3nt91K1VTO4/n1pY5lBCBa2qlkqNi/YY//Ra3bPOJgGTqgE"
    "sj+EbqkEWpIMwXOgSzkYhHzrso8FoUpdDdeNd6QD99wUUnuKIvKiiHyd+Ulvvk5nk7vh4z"
    "Xw0nzEs5Q65d9Z4fc5nv4ynQ3vroG5NamQHz+tFvKkqj1bqYW+pWwf2f5TXnvhOFXaccrg"
    "2cWTYE83UNOya3z4VB3S5765fP/OX2zYj7x1Zno3GI+FHaz7x59CmTQVtRrTI4QiLqQ9J9"
    "wkj+nNNTGqFERKoezQqlmfE54Dk3dmqYRxjFjAnOaAF5JCCqIboRE10wqkhPVtOHsacTtn"
    "DOrHU8KGp9bu4l2x77wGhMMJE09rZSgKcframGE0z9ryakC64w4JKdv8Ho4J0LKgvN6k2z"
    "vLmJMHfkcdWkWi/kgqfqonCndMe+oqSsS2FuTbfjBNeB/dC1k+gH6aT61sHbU383bqqSXN"
    "a7nTgD3BCMzcxK5AJvoWkCWAwO3oGhh0SrDycAbSNRWZbgpwHRomKxSHvqXYruvpMkVZ/m"
    "svFBPmZ6P13ple/i2hTg/f7IOwel0o1A+qUDdVpXLBL4/25BTq09ng06drwOMZ26E0rxSP"
    "uW8kZtu2wuOEYqYtWKXYkNGBYEllluRxIpMN3UVfqI9ah2qO+ijkk7CnzF38rN42iIuK3d"
    "FvdrcGSajmalTNHcflJyqGpghVCTk1W6wKxOKGvX+YT6ftVCynTZnbDxNaQucvt0FMlulz"
    "OYRfjEtDhSWcvJNHx4Scg5wyskUhcQY/4oGPQpfh2JV12vMo2ix9VvSzrj/JvA63GkmLTM"
    "z2sw6RHN7V+jh+DY04VQd7RyUdi099QP84HWHFdREro2p5GN7fju4/XwOXfo6n3hUzdGXG"
    "f1pz/GkwGg9v2QhUDSlz/HE8ufmBXXBT8rdDNePu+An+5TsHBVQd9AbrlGuQxcJj0wx12f"
    "4qIRKRjyu+lxuIZeZLy6GY7ZEaIhGAxgHVEDRRXnmYnAzlUVLhpNjmlehoppjD8PRELDEG"
    "Wko6NOCmjDQSIWoxD9ojj9gG/XxKxdWGSATCuxFWkGLrSCoZKh6lqgXnFgWMN5I2WkSNZK"
    "Pf3agRJsFWYHmITBzG2nwYa5VXQMv4fBwdMWUue4sEE7I1mAGFSMtaXX/Jq1whwyApDvvZ"
    "Ub1Rqi4c2A4d3HssJ5iWwV6/empZei0PaDqE6KHd7I7ie9RO6LsTudYyfPf3jkkPpjqGT9"
    "eJQpvj0pWOLV1ca8C1o9EtcXSDnWiP8DQFMQPt/tFpHcW80YiiB0Mlhmpteymeb/69fp7T"
    "mx5uJWr7ndLW3Qeitt9OJW39BXU09IxSTKc5Ge/d9vXYojswbUPabqKlKQKy56lP0IH8Xk"
    "3bHlXTH3NyY84rfxMlrFb7plV2mzxxs77CN6J0XKNQJyTVIodTU4OSTjRV3rusw1SDD6yj"
    "InUdTuVoKgoWHPn0TmQq7iDlK8933Es9xEeb7DjLu40lO2i9MzeA0zNQFRNAjZlYt8CCTw"
    "i7KegN9Io+iK5RBlKA7bY1WcZQsIZYYZnprRdVRskMAXV2vId84XRdWksbIevO0e3IUTEG"
    "khFleRX/hhjpYRwcDsqh7vo3LM0UB7hsU6vbXNhZy9lZS5yQmtzWpsiyHCgS25l3K3cbM0"
    "ONdu5ej8wdeYOAS2QCuj0AqGxUDAYPIyDTrWSFTHDGfULZT6sP2FR9xWt8gjWxDbMPLi4u"
    "zpMbWM19ixItbVHmZO9Pz1CzS5VK9gnEYiUqhYhDwYlUCpmuyQvOyRoQuZ+/WbGWUpnKIb"
    "2f6EYRZErjm8qCCj3MmROw7pgM9HINFJVuLpbJ0qqplpMyDZwRA8iQ93TOa4WRRJxDzd3P"
    "Mbu7sC2Lzss+eDFUy0IYvKzpP+wOC8UElIylL2fimy/SXYABdq5abEAvxNYUd8ucY4xUtg"
    "V68h4f26sgnZyBljZLE0eJz+aeDdhrTJmgUjYr854zRrobQ7AyiK2zsboPMnU+LozY+zEI"
    "Ll/zobKyaXT/tq1MsTKSiCEn65xIu9BKAVOkXWhlnq089LubauvADFgQpZSY4LXvgj9t01"
    "bfDTSebL0MugFFB3OK1A/wackALbFetvzI7ygC23Lm9w14aQf+sHUv57TvmROFv9QpOp60"
    "1V+qVUt7I2Gtpq3rxLCkDOepnPrHccLuHVbqj9ZeqoZpSXTZ1ulzkeQIvGVy0mR30KXjeY"
    "1RQCaFjo2iAtbpxALnFJzpIQDT50ms5iRJQvxJIzAD5ARlDN8lI20K4dcXHw5/NLydfP04"
    "HoKHx+HNaDpylfb+WZDfZJcCL6vH4WAcFygNBOW1BGXP6ye5au9OJpPo5ICum5hY6wqp5+"
    "i9LzzRnEvPy+SOPv0ijYeDW35VXW7pAg6VOaawTaejz/fXgL6naaorPMdf771rNnauxbW0"
    "x/EIFR6KB3MG9WZ9+RqRKZQiWDEJsBe4Ug7cGJUAdmcUaDhAaM+ounBE0mlhXDSgLja9dq"
    "egD3/sNSDc8bp6KUtj6cDFRlVMFrTMG2LzF0jqmIK7/VwlE2tHwfAa7jQoO17XJjPf9sGS"
    "GEBRN2Deg3NKzrECEJsvyDDPwYtqrblZ9Alt+8BNGUUv8GsK3IKzFWNAwqhc/yPmeN7jNl"
    "zamerc3BBMSZ3btPMN6/x3ioZh/c5tzVwqZV2cX1BqPHxGxhY4fuvMOMwR44+SEdCRAZyO"
    "6H9s1rARI8zygl7TvhfzHjjjvjv0Bx1Fn/5Ppn/hM5kOd0Vox6rCr+qspfddexc1dpGZlb"
    "3cg38zgaupAFxTwVsZrNXNdDCb4+8uLq764DU9D/Kv8vwC3HrDcWB0Rm9GwQSLLXBqSbqD"
    "vXZc0Fibv5lzrCqsT0yxo89zcjtTYSPTsE0R4GuDx2EOrfPZ6vSvTfBVOYdWhCL1CNwfjs"
    "eTMIe3yASYrdd0WV5U2+Y276JWs4gslS1KxSUp/xsqiqxPILDdha2/LCWNgBk6Yo8gz/Z3"
    "gijnaXcGs2EiRWdsES8oEiXohOoxLbgzuiMWxDZGJZBNQTZyuCiIa4RGoJqCaoYje/YGle"
    "XI3oUNqn4LW2a07I7sY6LKQ/oaoEGJCblumZaiq0CUSsCaBqujMymNa5hMAJvIW2JCS/qu"
    "BKQBgQAzFczLsmBeCjAzwXxTFsw3AsxMMN+WBfOtADMTzKuyYF4JMFPFUUdBXEYUDSgEnB"
    "lwSmke/rsQlVKd/AWoPj4KeSlTvi1OJoAtmf2qcQvnF9W0CAvU7GVZOYMW/d2WznWk8U5r"
    "5xfyAuj4PMuf6ZsYI1bENVQABIrNHf4wONsgyiMZzHvLec81JHrurf2EtbP+RzBrJzMHBs"
    "6e515nGlm9MnUo0+4XNrdlni2IdWEi41mVkXlhEE2zdfPCuXneZ6bNOfatmQCarKfAuAx0"
    "zTbpKExmfXSNgqpy/j2AGjKYhdGgz0RLCxDb2mkr5G9axEToq48cFNhfzoCFpVBYCk9KWV"
    "izNcv/gopas3wCYc0S1ixhzToxZIXdpVG7S3C6KIpvQNFBgGveq9wTWwLd6QZqWrbDuk/V"
    "pRXhzeX7d/5iwH7krQPTu8F4nFWlSFgJuyH32s7YUuRd29wt57ptRMj4ae3sbQ0Z72BWxt"
    "C6aUBsOrnGUxbP7GSMcbq9cjJWWkp7f1/amEc6goWtapaKzQv22H/0GmJFDvSNpGoUFTsa"
    "jM9kiWbZi0uLjDxOu6NtY10cEHR6RCyJe48emq4BpZvjwefh/Wx67YQ2mHN883U6m9wNH+"
    "klL8TCjKtpj8Mj+AxVB6gEh/LDaMN0IpK2eCStk2Fzsa1YzCaNXMBfHH7v85NkiCUD6VrK"
    "0pTLgPQOBAuKs0A1JYxeSsIeEIkCTsVxXqoYpuQn2oW0T3bAae1fOVm8DZK2ixY753i0ta"
    "SDamJu9+6HP1E69DLHo3vp4XHy+XE4pccZFUu6QdgRmx5zfhqMZjzRyAtULZ5ohDaajH8c"
    "3l47puJnpNDD0HgyZVd4WQGlHccgYigoRQ7I1Cr47YVaq3IxM1GiKy1JQKMlumZoo2sZtb"
    "n8e/083Z8VbiW0f4eaLU1r/yzVytq8sjT71h47Vts+xkOkjFwTw5LtFHkvJ1tkiKYpnI+n"
    "aG0gjA19S8F3Rq9mTGK3fSfmcA6Ys+HPs3zVqZ9Kbzy5/+w1j+tTY4WjIV7ZbpWQohM6TN"
    "O9zKdFVo3sNSOxYoj0dofTCjkOsRWytUcpRcWmtqRvL1LG8bhOeW1byprNuxdglgS6dF64"
    "20hnp4VzltzXjyWHS0yy9Ox7x/EfcaXuNCnSl8dzZMigTZMS5K+Brt5BMFRZgzb9NQlxkI"
    "eD389MG8bvRpJ2xLsObQvpj4o3iFb9CD1juZRC9ZycC+E6XjnNLKKrst8o522jL+A+Xwjg"
    "B3W/sTeLUhrIgKA71bzryxRhL/6F5HKydkDSCXEwKppcXl0VEE5oq0zxhN+LoUxsQ65s8g"
    "ioD+jVYbk1GXvlUKcS9Hj4+XFwRz8Lt4c5HjyMrgHUVfrXePg4u3Yi0tphz+BDkZ4oFmW+"
    "gShV9wT0+jVOQnDMhr67guNpFXcTXN/NdQ+jeIHnnDJE5Zmf2kENc6Bla+7psjz5pXteCx"
    "W4HSMVfG4znx1flCrbeJhQ8LjNPNYgXX19lZCnQynP8rx+xAxo/Qxwym3syf60TgTv28z7"
    "2OFLSQtrL3V8U1Lj3AXXW8X1UDXKChxPUgtut5nbLNMvs2pU10mGOzigWpI8lVVITn64Bu"
    "SJuVw/3rsu17wk6Bx/fBwObr4wB+tw0uPjqyRdbI1qipMktfgU2/4p6tCuJlQliAWvT4TX"
    "JqLvqZRJEZJOLMIq0vINJ2HNT2Xj0XTIP6mOPDYi23DtM5NitUl37sr2vo7TdcHeeGgn7I"
    "TnT8xVOCffaIK0Q6vEQZKPxrkQ8sqqwIgoteDFfrzwXd8qcCJMK/hQlQ/QkNfqM0rjQG78"
    "QohMRJ9XSWxhY2aCL3G4SaEUh5z2pJht52pS3+kROgWqywEboxLA5iwI5YCNUnUpBWptyI"
    "pk3k2i6xWnL4dtjEogK0rTHifQzVtAkxiXDnO7CXV1YiAXjXKLbTeRGLfH4XT2OLqZ9TIW"
    "3xoQLhVIeKoY50cSpqPsna/qmMWhrk7rRFZ4EkcPoxF46RjA/dfxuJe6x9UA70Ooq45O4N"
    "jeXmD6BhnK90Q3SIfeUWwj+3sBZD2JtgZsB6tOB3DHZP+MVSE7fjtcJYSrhvfMlHbn9NKh"
    "uRz17VTxUz0IjWlPXUWJ2NaCfNsPpgnvo/h0OpHvN4ITemaJu/fDyUmFMHzu1umy2fyEIc"
    "gyk0v4iO7KMCEhv+XOMpy0U2ML5DXEKwTIEkC3WCY4m8wep4AX9TS257zCZKS4ZhnCIjkr"
    "3KEns0SIfAyHzMdQNnR6r6Dptn37TUdN0y+RGA5GqRDvdtSN9tBm0Hte7Yeg9INbH8ItDx"
    "FOJDD9ZTob3l0Dc2taaBNfa47jt+tAXc7sFSIRppkUYyLHp2zFpShV9+rPNJF1la3vSYyz"
    "Sy557UWppYhbQi2llkSqjI4lTSiSKiNynC24fURohM1pt80pSKi3p0quc9n0+zGlXGRqtS"
    "mj4gAZqrzupQi97p1+nrwLgzYiJ/8pfdT9HBH0GRmmq2AqekQMkbRZJqp4QmwkiR37qMoc"
    "wp3mHUT3u9evi5y/X7/OPn+ze/H6mthKNdVnH8FDJIc/hTe/RTV63k6cEQ65mf35/5H9X7"
    "g="
)
