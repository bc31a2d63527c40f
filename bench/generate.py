"""Generate varied synthetic news articles for benchmarks (never for training or evaluation).

Each article mixes sentences drawn from templates written for detente, with
actors, places, numbers and dates varied by a seeded random generator.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

ACTORS = ["Russia", "Ukraine", "the United States", "Turkey", "the Kremlin", "Kyiv", "Moscow",
          "President Vladimir Putin", "President Volodymyr Zelensky", "President Donald Trump",
          "Foreign Minister Sergei Lavrov", "Foreign Minister Andrii Sybiha", "Recep Tayyip Erdogan",
          "the European Union", "NATO", "the United Nations", "Ukrainian forces", "Russian troops"]
PLACES = ["Sumy", "Kharkiv", "Odesa", "Kherson", "Zaporizhzhia", "Dnipro", "Mykolaiv", "Poltava",
          "Kursk", "Belgorod", "Istanbul", "Riyadh", "Geneva", "the Black Sea", "Donetsk"]
DAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday", "yesterday",
        "earlier this week", "on March 3", "later this month"]

TEMPLATES = [
    "{a} {d} rejected a {n}-day ceasefire proposed by {b}.",
    "{a} agreed {d} to halt strikes on energy facilities as long as {b} does the same.",
    "{a} accused {b} of shelling residential areas of {p}, killing {n} civilians.",
    "Officials in {p} said {n} people were wounded when drones hit an apartment block {d}.",
    "{a} and {b} held a two-hour phone call {d}, according to officials in both capitals.",
    "{a} demanded that {b} stop all military aid and intelligence sharing.",
    "{a} will not recognise any annexation of territory, a spokesman said {d}.",
    "{a} threatened to respond if {b} violated the agreement.",
    "{a} released {n} prisoners of war {d} in an exchange mediated by Turkey.",
    "{a} announced new sanctions against {n} companies linked to {b}.",
    "Thousands of people protested in {p} {d} against the proposed deal.",
    "{a} deployed additional troops near {p}, satellite images reportedly show.",
    "{a} detained {n} people suspected of spying for {b}.",
    "{a} pledged to deliver {n} air-defence systems to {b} by the end of the year.",
    "Delegations from {a} and {b} are expected to meet in {p} {d}.",
    "{a} praised the talks as constructive but warned that obstacles remained.",
    "The two sides agreed to exchange {n} prisoners each, according to {a}.",
    "{a} said it had shot down {n} drones over {p} overnight.",
    "{a} withdrew its forces from positions near {p} {d}.",
    "{a} called on {b} to allow inspectors into the nuclear plant.",
    "Analysts said {a} is likely to press for sanctions relief in any final settlement.",
    "{a} has occupied parts of {p} since 2014, the report noted.",
]


def article(rng: random.Random, i: int, published: datetime) -> str:
    n_sent = rng.randint(6, 14)
    lines = []
    for _ in range(n_sent):
        a, b = rng.sample(ACTORS, 2)
        tmpl = rng.choice(TEMPLATES)
        s = tmpl.format(a=a, b=b, p=rng.choice(PLACES), d=rng.choice(DAYS), n=rng.choice([2, 5, 12, 23, 30, 84, 175, 390]))
        lines.append(s[0].upper() + s[1:])
    title = f"Talks report {i}: {rng.choice(PLACES)}"
    header = f"{title}\n{rng.randint(1, 30)}- {published:%d.%m.%Y, %H:%M}\n- {rng.randint(100, 50000):,}\n\n"
    paras = [" ".join(lines[k:k + 3]) for k in range(0, len(lines), 3)]
    return header + "\n".join(paras) + "\n"


def generate(folder: Path, count: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    start = datetime(2025, 3, 1, 9, 0)
    paths = []
    for i in range(count):
        p = folder / f"bench_{i:04d}.txt"
        p.write_text(article(rng, i, start + timedelta(hours=7 * i)), encoding="utf-8")
        paths.append(p)
    return paths
