import Foundation
import TestSupport
import Testing

/// The repository's own Content/ built end to end by the binary.
@Suite struct ShippedSiteTests {
    @Test func buildsEveryKindOfPageWithItsTitle() throws {
        let site = try copyOfShippedSite()
        let result = try briefings().run(["build"], in: site.root)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("Built "))
        let expectations: [(String, String)] = [
            ("index.html", "<title>Digital Public Services</title>"),
            ("about/index.html", "About"),
            ("briefings/vision-to-value/index.html", #"<h1 id="page-title">Digital: Vision to Value</h1>"#),
            ("briefings/planting-the-flag/index.html", #"<h1 id="page-title">Planting the Flag</h1>"#),
            ("routemap/index.html", "Routemap for Local Public Services Reform"),
            ("case-studies/kent/index.html", #"<h1 id="page-title">Kent</h1>"#),
            ("404.html", "Page not found"),
        ]
        for (path, text) in expectations {
            let html = try #require(site.built(path), "\(path) was not built")
            #expect(html.contains(text), "\(path) lacks \(text)")
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en-GB\">"))
        }
        #expect(try #require(site.built("briefings/planting-the-flag/index.html")).contains(#"<p class="page-label">Strategy</p>"#))
    }

    @Test func theRoutemapHasSixChaptersInOrder() throws {
        let site = try copyOfShippedSite()
        #expect(try briefings().run(["build"], in: site.root).status == 0)
        let chapters = ["capabilities", "information", "infrastructure", "shared-services", "digital-access", "sustainability"]
        for (number, slug) in chapters.enumerated() {
            let html = try #require(site.built("routemap/\(slug)/index.html"), "chapter \(slug) missing")
            #expect(html.contains("Chapter \(number + 1)</span>"))
        }
    }

    @Test func everyCaseStudyIsBuiltAndAtLeastTwelveShip() throws {
        let site = try copyOfShippedSite()
        #expect(try briefings().run(["build"], in: site.root).status == 0)
        let sources = try FileManager.default.contentsOfDirectory(atPath: site.content.appendingPathComponent("case-studies").path)
            .filter { $0.hasSuffix(".md") }
        #expect(sources.count >= 12)
        let places = ["connecting-cambridgeshire", "lambeth", "east-riding", "cornwall-living-well", "leeds-neighbourhood-networks",
                      "swansea", "glasgow", "bristol", "kent", "camden", "hampshire", "southampton"]
        for place in places {
            let html = try #require(site.built("case-studies/\(place)/index.html"), "\(place) missing")
            #expect(html.contains(#"<p class="page-label">Case study</p>"#))
        }
    }

    @Test func theShippedContentBuildsWithoutWarnings() throws {
        let site = try copyOfShippedSite()
        let result = try briefings().run(["build", "--strict"], in: site.root)
        #expect(result.status == 0)
        #expect(result.standardError.isEmpty, "\(result.standardError)")
    }

    @Test func sitemapListsEveryPageButTheNotFoundPage() throws {
        let site = try copyOfShippedSite()
        #expect(try briefings().run(["build"], in: site.root).status == 0)
        let sitemap = try #require(site.built("sitemap.xml"))
        #expect(sitemap.contains("<loc>https://briefings.example.org/case-studies/kent/</loc>"))
        #expect(!sitemap.contains("404"))
    }
}
