/// Reads and checks a site without rendering or writing it, for commands that
/// only need its index (`briefings index`).
public enum SiteInspector {
    public static func load(_ options: BuildOptions) -> (site: LoadedSite?, diagnostics: [Diagnostic]) {
        var clock = PhaseClock()
        let (site, diagnostics) = SiteLoader.load(options, clock: &clock)
        return (site, diagnostics.sortedForReport())
    }
}
