@testable import BriefingsKit
import Markdown
import Testing

/// Related pages, back-links and the evidence matrix, on pages made in memory.
@Suite struct IndexTests {
    static let principles = Vocabulary(
        id: "principles", title: "Principles", singular: "principle", description: nil, appliesTo: [.caseStudy], weight: 3,
        terms: ["innovate", "redesign", "collaborate"].map { .init(id: $0, title: $0.capitalized, meaning: "") })
    static let capabilities = Vocabulary(
        id: "capabilities", title: "Capabilities", singular: "capability", description: nil, appliesTo: [.caseStudy], weight: 2,
        terms: ["governance", "procurement", "professionalism"].map { .init(id: $0, title: $0.capitalized, meaning: "") })
    static let vocabularies = [principles, capabilities]

    static func study(_ slug: String, _ principles: [String], _ capabilities: [String], title: String? = nil) -> Page {
        let location = SourceLocation(file: "x")
        return Page(
            kind: .caseStudy, sourcePath: "case-studies/\(slug).md", file: "Content/case-studies/\(slug).md",
            url: "/case-studies/\(slug)/", referenceID: slug, title: title ?? slug.capitalized, summary: "",
            status: .published,
            terms: ["principles": principles.map { TermUse(id: $0, location: location) },
                    "capabilities": capabilities.map { TermUse(id: $0, location: location) }],
            body: "", bodyFirstLine: 1)
    }

    @Test func aSharedPrincipleAndCapabilityOutweighTwoSharedCapabilities() {
        let page = Self.study("page", ["innovate"], ["governance", "procurement"])
        let both = Self.study("both", ["innovate"], ["governance"])
        let twoCapabilities = Self.study("two", ["redesign"], ["governance", "procurement"])
        #expect(RelatedPages.score(page, both, vocabularies: Self.vocabularies) == 3 + 2 + 1)
        #expect(RelatedPages.score(page, twoCapabilities, vocabularies: Self.vocabularies) == 4)
        let related = RelatedPages.related(to: page, among: [twoCapabilities, both, page], vocabularies: Self.vocabularies)
        #expect(related.map(\.referenceID) == ["both", "two"])
    }

    @Test func neverItselfNeverUnrelatedAtMostFiveTiesByTitle() {
        let page = Self.study("page", ["innovate"], [])
        let others = (1...8).map { Self.study("s\($0)", ["innovate"], [], title: "Study \(9 - $0)") }
        let unrelated = Self.study("far", ["collaborate"], ["professionalism"])
        let related = RelatedPages.related(to: page, among: [page, unrelated] + others, vocabularies: Self.vocabularies)
        #expect(related.count == 5)
        #expect(related.map(\.title) == ["Study 1", "Study 2", "Study 3", "Study 4", "Study 5"])
        #expect(!related.contains { $0.referenceID == "page" || $0.referenceID == "far" })
    }

    @Test func backLinksComeFromResolvedLinksOnly() {
        let location = SourceLocation(file: "x")
        func link(_ target: ResolvedLink.Target) -> ResolvedLink {
            ResolvedLink(target: target, kind: .link, written: "", text: "", location: location)
        }
        let graph = LinkGraph(links: [
            ("briefing:b", [link(.page(reference: "case-study:kent", anchor: nil)), link(.external("https://x"))]),
            ("page:about", [link(.page(reference: "case-study:kent", anchor: "why")), link(.page(reference: "page:about", anchor: nil))]),
            ("case-study:kent", [link(.page(reference: "case-study:kent", anchor: nil))]),
        ])
        #expect(graph.citations(of: "case-study:kent") == ["briefing:b", "page:about"])
        #expect(graph.citations(of: "page:about").isEmpty)
    }

    /// Cross-references resolve to the page's URL under the site's base path,
    /// whatever the case of their kind, with any anchor kept as written.
    @Test func crossReferencesResolveUnderTheBasePathWhateverTheCaseOfTheirKind() {
        let kent = Self.study("kent", ["innovate"], [])
        let about = Page(kind: .page, sourcePath: "about.md", file: "Content/about.md", url: "/about/", referenceID: "about",
                         title: "About", summary: "", status: .published, terms: [:], body: "", bodyFirstLine: 1)
        for (base, path) in [("https://example.org/", "/"), ("https://example.org/policy/", "/policy/")] {
            let site = SiteIndex(config: SiteConfig(title: "T", baseURL: base), taxonomies: Taxonomies(vocabularies: Self.vocabularies, matrix: nil),
                                 pages: [kent, about])
            let resolver = LinkResolver(site: site, page: about)
            func resolved(_ destination: String) -> (String?, ResolvedLink.Target, String?) {
                let outcome = resolver.resolve(LinkReference(kind: .link, destination: destination, text: "t",
                                                             position: SourcePosition(line: 1, column: 1)))
                return (outcome.href, outcome.link.target, outcome.diagnostic?.message)
            }
            for written in ["case-study:kent", "Case-Study:kent", "CASE-STUDY:kent"] {
                let (href, target, problem) = resolved(written)
                #expect(href == path + "case-studies/kent/", "\(written) under \(base)")
                #expect(target == .page(reference: "case-study:kent", anchor: nil))
                #expect(problem == nil)
            }
            let (href, target, _) = resolved("case-study:kent#why-it-is-cited")
            #expect(href == path + "case-studies/kent/#why-it-is-cited")
            #expect(target == .page(reference: "case-study:kent", anchor: "why-it-is-cited"))
            let (missing, unresolved, problem) = resolved("Case-Study:kant")
            #expect(missing == nil && unresolved == .unresolved)
            #expect(problem?.contains("'kant' is not a case study of this site; did you mean 'case-study:kent'?") == true, "\(problem ?? "")")
        }
    }

    /// Lists read newest first, undated pages last, then by title whatever its
    /// case, then by URL: the index's one sort gives the order of the rule.
    @Test func listsReadNewestFirstUndatedLastThenByTitleThenByURL() {
        func study(_ slug: String, _ title: String, _ day: String?) -> Page {
            var page = Self.study(slug, [], [], title: title)
            page.published = day.flatMap { Day(iso: $0) }
            return page
        }
        let pages = [
            study("d", "beta", nil), study("a", "Alpha", "2024-03-01"), study("c", "alpha", "2024-03-01"),
            study("e", "Gamma", "2025-01-31"), study("b", "alpha", "2024-03-01"), study("f", "Alpha", nil),
            study("g", "zeta", "0999-12-31"),
        ]
        let site = SiteIndex(config: SiteConfig(title: "T"), taxonomies: Taxonomies(vocabularies: Self.vocabularies, matrix: nil), pages: pages)
        #expect(site.inListOrder.map(\.referenceID) == ["e", "a", "b", "c", "g", "f", "d"])
        #expect(site.inListOrder.map(\.referenceID) == pages.sorted(by: SiteIndex.listOrder).map(\.referenceID))
    }

    @Test func theMatrixCrossesTwoVocabulariesAndFindsItsGaps() {
        let pages = [Self.study("a", ["innovate"], ["governance"]), Self.study("b", ["innovate", "redesign"], ["governance"])]
        let site = SiteIndex(
            config: SiteConfig(title: "T"), taxonomies: Taxonomies(vocabularies: Self.vocabularies, matrix: ("principles", "capabilities")),
            pages: pages)
        let evidence = EvidenceIndex(site: site)
        let matrix = try! #require(evidence.matrix)
        #expect(matrix.cells.count == 3)
        #expect(matrix.cells[0][0].pages.map(\.referenceID) == ["a", "b"])
        #expect(matrix.cells[1][0].pages.map(\.referenceID) == ["b"])
        #expect(matrix.gaps.count == 9 - 2)
        #expect(EvidenceReport.gaps(evidence).contains("principle collaborate × capability governance: no case study yet"))
    }
    /// A list of thousands of links is checked in pieces on several cores; the
    /// pieces hold every link once, in order, with the Markdown's links in the
    /// first and images without alt text in the last, so the findings come in
    /// the order one check of the whole page gives.
    @Test func aPageWithManyLinksIsCheckedInPiecesThatKeepTheirOrder() {
        let links = (0..<10).map { "<a href=\"/case-studies/s\($0)/\">S\($0)</a>" }.joined()
        let html = "<main>\(links)<img src=\"/assets/map.png\"></main>"
        let markdownLink = ResolvedLink(target: .external("https://example.org/"), kind: .link, written: "https://example.org/",
                                        text: "x", location: SourceLocation(file: "Content/case-studies/list.md"))
        let body = RenderedBody(html: "", headings: [], links: [markdownLink], diagnostics: [])
        let list = PageScan(page: Self.study("list", [], []), templateName: "case-study", html: html, body: body)
        let small = PageScan(page: Self.study("small", [], []), templateName: "case-study", html: "<a href=\"/\">Home</a>", body: .empty)
        #expect(list.references.count == 11 && list.imagesWithoutAlt == ["/assets/map.png"])

        let pieces = LinkVerifier.pieces(of: [small, list], share: 4)
        #expect(pieces.map(\.url) == ["/case-studies/small/"] + Array(repeating: "/case-studies/list/", count: 3))
        #expect(pieces.dropFirst().flatMap { $0.references.map(\.value) } == list.references.map(\.value))
        #expect(pieces.dropFirst().map(\.markdownLinks.count) == [1, 0, 0])
        #expect(pieces.dropFirst().map(\.imagesWithoutAlt.count) == [0, 0, 1])
        #expect(LinkVerifier.pieces(of: [small, list], share: 11).count == 2, "no page over the share: as they were")
    }
}
