#!/usr/bin/env python3
"""Generates a benchmark corpus: N pages of policy prose (headings, lists,
links between pages, emphasis, quotes), about 6-8 KB of Markdown each, as
briefings and case studies tagged with principles and capabilities. The same
pages are written twice: in Briefings' layout and in a Hugo site with
`principles` and `capabilities` taxonomies, so both tools build the same work.
Deterministic for a seed.

Usage: corpus.py --pages N --out DIR [--seed 1] [--theme minimal|default]
Writes DIR/briefings/{Content,Templates} and DIR/hugo/{config.toml,content,layouts}.

With --theme minimal (the default) Briefings gets templates that do the same
work as the Hugo layouts: a page's title, summary, term links, contents list
and body; lists of pages for sections and terms; terms with counts. With
--theme default it gets the repository's own theme, which does much more
(navigation, breadcrumbs, metadata, related pages, JSON-LD, print styles).
"""
import argparse
import os
import random
import shutil

PRINCIPLES = ["innovate", "redesign", "collaborate"]
CAPABILITIES = ["digital-leadership", "governance", "organisational-change", "procurement",
                "managing-and-sharing-resources", "professionalism"]
PLACES = ["Kent", "Leeds", "Camden", "Bristol", "Swansea", "Glasgow", "Cornwall", "Hampshire", "Lambeth",
          "Southampton", "East Riding", "Cambridgeshire", "Norfolk", "Derby", "York", "Oxford", "Bath", "Hull"]
NOUNS = ["services", "residents", "councils", "partners", "data", "systems", "teams", "procurement", "budgets",
         "networks", "volunteers", "officers", "platforms", "outcomes", "communities", "suppliers", "standards"]
VERBS = ["share", "redesign", "simplify", "automate", "commission", "co-create", "measure", "improve", "join up",
         "standardise", "govern", "fund", "deliver", "review", "support"]
ADJECTIVES = ["local", "digital", "shared", "public", "open", "secure", "pan-local", "accessible", "reliable",
              "sustainable", "joined-up", "user-centred", "cost-effective"]
HEADINGS = ["Background", "What was done", "Who was involved", "What changed", "Costs and savings",
            "Lessons for others", "Governance", "Next steps", "Evidence", "Risks"]


def sentence(rng, links):
    words = [rng.choice(ADJECTIVES).capitalize(), rng.choice(NOUNS), "that", rng.choice(VERBS),
             rng.choice(ADJECTIVES), rng.choice(NOUNS)]
    if rng.random() < 0.3:
        words += ["with", "*" + rng.choice(ADJECTIVES) + "*", rng.choice(NOUNS)]
    if rng.random() < 0.2:
        words += ["and", "**" + rng.choice(NOUNS) + "**"]
    if links and rng.random() < 0.25:
        target = rng.choice(links)
        words += ["as in", "[" + target[1] + "](" + target[0] + ")"]
    words += ["to", rng.choice(VERBS), "the", rng.choice(NOUNS), "of", rng.choice(PLACES)]
    return " ".join(words) + "."


def paragraph(rng, links, count):
    return " ".join(sentence(rng, links) for _ in range(count))


def body(rng, links, target_bytes):
    parts = [paragraph(rng, links, 4)]
    headings = rng.sample(HEADINGS, len(HEADINGS))
    index = 0
    while sum(len(p) + 2 for p in parts) < target_bytes:
        parts.append("## " + headings[index % len(headings)] + (" " + str(index // len(headings) + 1) if index >= len(headings) else ""))
        index += 1
        roll = rng.random()
        if roll < 0.25:
            parts.append("\n".join("- " + sentence(rng, links) for _ in range(rng.randint(3, 6))))
        elif roll < 0.35:
            parts.append("> " + paragraph(rng, [], 2))
        elif roll < 0.45:
            parts.append("\n".join(f"{n}. " + sentence(rng, links) for n in range(1, rng.randint(3, 5))))
        parts.append(paragraph(rng, links, rng.randint(3, 6)))
        parts.append(paragraph(rng, links, rng.randint(2, 5)))
    return "\n\n".join(parts) + "\n"


def pages(count, seed):
    rng = random.Random(seed)
    result = []
    for number in range(1, count + 1):
        kind = "briefing" if number % 10 == 0 else "case-study"
        slug = f"{'briefing' if kind == 'briefing' else 'study'}-{number:06d}"
        place = rng.choice(PLACES)
        result.append({
            "kind": kind, "slug": slug, "title": f"{place} {rng.choice(NOUNS)} {number}",
            "place": place, "principles": sorted(rng.sample(PRINCIPLES, rng.randint(1, 2)), key=PRINCIPLES.index),
            "capabilities": sorted(rng.sample(CAPABILITIES, rng.randint(1, 3)), key=CAPABILITIES.index),
            "date": f"20{10 + number % 14:02d}-{1 + number % 12:02d}-{1 + number % 28:02d}",
            "seed": rng.randrange(1 << 30),
        })
    return result


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


MINIMAL_LAYOUT = ("<!DOCTYPE html><html lang=\"{{site.language}}\"><head><meta charset=\"utf-8\"><title>{{page.title}}</title></head>"
                  "<body><header><a href=\"{{site.root}}\">{{site.title}}</a></header><main>{{$main}}{{/main}}</main></body></html>\n")
MINIMAL_SINGLE = ("{{<layout}}{{$main}}<h1>{{page.title}}</h1><p>{{page.summary}}</p>"
                  "<ul>{{#page.terms}}{{#items}}<li><a href=\"{{url}}\">{{title}}</a></li>{{/items}}{{/page.terms}}</ul>"
                  "{{#contents}}<nav><ol>{{#items}}<li><a href=\"{{url}}\">{{text}}</a></li>{{/items}}</ol></nav>{{/contents}}"
                  "{{{content}}}{{/main}}{{/layout}}\n")
MINIMAL_LIST = ("{{<layout}}{{$main}}<h1>{{page.title}}</h1>{{{content}}}<ul>{{#listing}}{{#items}}"
                "<li><a href=\"{{url}}\">{{title}}</a> {{summary}}</li>{{/items}}{{/listing}}</ul>{{/main}}{{/layout}}\n")
MINIMAL_TERMS = ("{{<layout}}{{$main}}<h1>{{page.title}}</h1><ul>{{#vocabulary}}{{#terms}}{{#items}}"
                 "<li><a href=\"{{url}}\">{{title}}</a> {{count}}</li>{{/items}}{{/terms}}{{/vocabulary}}</ul>{{/main}}{{/layout}}\n")


def write_minimal_templates(folder):
    """Templates doing what the Hugo layouts do, for a like-for-like benchmark."""
    write(os.path.join(folder, "layout.mustache"), MINIMAL_LAYOUT)
    for name in ["case-study", "briefing", "page", "document", "chapter", "whole-document", "404", "search", "home"]:
        write(os.path.join(folder, name + ".mustache"), MINIMAL_SINGLE)
    for name in ["section", "term"]:
        write(os.path.join(folder, name + ".mustache"), MINIMAL_LIST)
    write(os.path.join(folder, "vocabulary.mustache"), MINIMAL_TERMS)
    write(os.path.join(folder, "partials", "page-list.mustache"), "<ul>{{#items}}<li><a href=\"{{url}}\">{{title}}</a></li>{{/items}}</ul>\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--templates", default=os.path.join(os.path.dirname(__file__), "..", "Templates"))
    parser.add_argument("--no-hugo", action="store_true")
    parser.add_argument("--theme", choices=["minimal", "default"], default="minimal")
    args = parser.parse_args()
    shutil.rmtree(args.out, ignore_errors=True)
    briefings = os.path.join(args.out, "briefings")
    hugo = os.path.join(args.out, "hugo")
    all_pages = pages(args.pages, args.seed)
    folder = {"case-study": "case-studies", "briefing": "briefings"}
    write(os.path.join(briefings, "Content", "site.yml"),
          "title: Benchmark\nbase_url: https://bench.example/\nlanguage: en-GB\norganisation: Bench\n")
    shutil.copy(os.path.join(os.path.dirname(__file__), "..", "Content", "taxonomies.yml"),
                os.path.join(briefings, "Content", "taxonomies.yml"))
    write(os.path.join(briefings, "Content", "index.md"), "---\ntitle: Benchmark\nsummary: A generated site.\n---\n\nGenerated pages.\n")
    if args.theme == "default":
        shutil.copytree(args.templates, os.path.join(briefings, "Templates"))
    else:
        write_minimal_templates(os.path.join(briefings, "Templates"))
    if not args.no_hugo:
        write(os.path.join(hugo, "config.toml"), "baseURL = 'https://bench.example/'\ntitle = 'Benchmark'\ndisableKinds = ['RSS']\n"
              "[taxonomies]\n  principle = 'principles'\n  capability = 'capabilities'\n")
        write(os.path.join(hugo, "layouts", "_default", "baseof.html"),
              "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head>"
              "<body><header><a href=\"/\">{{ .Site.Title }}</a></header><main>{{ block \"main\" . }}{{ end }}</main></body></html>\n")
        write(os.path.join(hugo, "layouts", "_default", "single.html"),
              "{{ define \"main\" }}<h1>{{ .Title }}</h1><p>{{ .Params.summary }}</p>"
              "<ul>{{ range .Params.principles }}<li><a href=\"/principles/{{ . | urlize }}/\">{{ . }}</a></li>{{ end }}"
              "{{ range .Params.capabilities }}<li><a href=\"/capabilities/{{ . | urlize }}/\">{{ . }}</a></li>{{ end }}</ul>"
              "{{ .TableOfContents }}{{ .Content }}{{ end }}\n")
        write(os.path.join(hugo, "layouts", "_default", "list.html"),
              "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a> {{ .Params.summary }}</li>{{ end }}</ul>{{ end }}\n")
        write(os.path.join(hugo, "layouts", "_default", "term.html"),
              "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n")
        write(os.path.join(hugo, "layouts", "_default", "terms.html"),
              "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.Alphabetical }}<li><a href=\"{{ .Page.RelPermalink }}\">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>{{ end }}\n")
        write(os.path.join(hugo, "content", "_index.md"), "---\ntitle: Benchmark\n---\nGenerated pages.\n")
    for page in all_pages:
        rng = random.Random(page["seed"])
        neighbours = rng.sample(all_pages, min(6, len(all_pages)))
        briefings_links = [(f"{'case-study' if p['kind'] == 'case-study' else 'briefing'}:{p['slug']}", p["title"]) for p in neighbours]
        text_briefings = body(rng, briefings_links, rng.randint(6000, 7800))
        rng = random.Random(page["seed"])
        rng.sample(all_pages, min(6, len(all_pages)))
        hugo_links = [(f"/{folder[p['kind']]}/{p['slug']}/", p["title"]) for p in neighbours]
        text_hugo = body(rng, hugo_links, rng.randint(6000, 7800))
        summary = f"How {page['place']} set out to {rng.choice(VERBS)} {rng.choice(NOUNS)}."
        terms = f"principles: [{', '.join(page['principles'])}]\ncapabilities: [{', '.join(page['capabilities'])}]\n"
        extra = (f"organisation: {page['place']} Council\nplace: {page['place']}\nsource: Generated corpus\n"
                 if page["kind"] == "case-study" else "")
        front = f"---\ntitle: \"{page['title']}\"\nsummary: \"{summary}\"\npublished: {page['date']}\n{extra}{terms}---\n\n"
        write(os.path.join(briefings, "Content", folder[page["kind"]], page["slug"] + ".md"), front + text_briefings)
        if not args.no_hugo:
            write(os.path.join(hugo, "content", folder[page["kind"]], page["slug"] + ".md"), front.replace("published:", "date:") + text_hugo)


if __name__ == "__main__":
    main()
