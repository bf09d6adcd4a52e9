@testable import BriefingsKit
import Testing

/// The link checks read every laid-out page through `HTMLScanner`: what it
/// finds is what gets checked, so these pin down what it finds.
@Suite struct HTMLScannerTests {
    func references(_ html: String) -> [String] {
        HTMLScanner.scan(html).references.map { "\($0.tag) \($0.attribute)=\($0.value)" }
    }

    @Test func everyURLAttributeOfTheTagsThatHaveOneIsFoundInOrder() {
        let html = """
            <!DOCTYPE html><html><head><link rel="stylesheet" href="/assets/site.css">
            <script src="/assets/live.js"></script></head><body>
            <a class="skip" href="#main" title="x">Skip</a><p>Text <a href='/about/'>about</a></p>
            <img src="/assets/map.png" alt="A map"><video poster="/p.jpg" src="/v.mp4"></video>
            <form action="/search/"><iframe src="/frame/"></iframe></form><area href=/area/ >
            <audio src="/a.mp3"></audio><source src="/s.webm"><section><span data-href="/not-a-url/">x</span></section>
            """
        #expect(references(html) == [
            "link href=/assets/site.css", "script src=/assets/live.js", "a href=#main", "a href=/about/",
            "img src=/assets/map.png", "video poster=/p.jpg", "video src=/v.mp4", "form action=/search/",
            "iframe src=/frame/", "area href=/area/", "audio src=/a.mp3", "source src=/s.webm",
        ])
    }

    @Test func namesOfTagsAndAttributesAreReadWhateverTheirCase() {
        #expect(references(#"<A HREF="/x/">x</A><IMG Src="/y.png" ALT=""><Link Href="/z.css">"#)
                    == ["a href=/x/", "img src=/y.png", "link href=/z.css"])
        #expect(HTMLScanner.scan(#"<IMG Src="/y.png" ALT="">"#).imagesWithoutAlt.isEmpty)
    }

    @Test func valuesAreEntityDecodedAsABrowserFollowsThem() {
        #expect(references(#"<a href="/search/?q=a&amp;b=c">s</a><a href="/x/&#35;y">h</a><a href="/&unknown;/">u</a>"#)
                    == ["a href=/search/?q=a&b=c", "a href=/x/#y", "a href=/&unknown;/"])
        #expect(HTMLScanner.scan(#"<h2 id="costs &amp; benefits">x</h2>"#).ids == ["costs & benefits"])
    }

    @Test func idsAreEveryIdAndEveryAnchorName() {
        let found = HTMLScanner.scan(#"<h2 id="why">Why</h2><a name="old-anchor"></a><div ID='upper'></div><p id="">empty</p>"#)
        #expect(found.ids == ["why", "old-anchor", "upper"])
        #expect(HTMLScanner.scan(#"<a href="/x/" id="link">x</a>"#, idsOnly: true).references.isEmpty)
        #expect(HTMLScanner.scan(#"<a href="/x/" id="link">x</a>"#, idsOnly: true).ids == ["link"])
    }

    @Test func imagesWithoutAnyAltAreListedBySource() {
        let found = HTMLScanner.scan(#"<img src="/a.png"><img src="/b.png" alt=""><img alt="c" src="/c.png"><img>"#)
        #expect(found.imagesWithoutAlt == ["/a.png", ""])
    }

    @Test func commentsScriptsAndStylesHideWhatIsInThem() {
        let html = """
            <!-- <a href="/commented/">x</a> --><script>var s = '<a href="/in-script/">';</script>
            <style>a[href="/in-style/"] { color: red }</style><a href="/real/">r</a>
            """
        #expect(references(html) == ["a href=/real/"])
    }

    @Test func unquotedAndOddlySpacedAttributesAreRead() {
        #expect(references("<a  href = /spaced/ >x</a><a\nhref=\"/newline/\"\n>y</a><a href>empty</a>")
                    == ["a href=/spaced/", "a href=/newline/", "a href="])
    }
}
