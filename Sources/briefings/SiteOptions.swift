import ArgumentParser
import BriefingsKit
import Foundation

/// The folder options every command that reads the site shares.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The content folder (Markdown and site.yml).", valueName: "dir"))
    var content: String = "Content"

    @Option(name: .long, help: ArgumentHelp("The Mustache templates folder.", valueName: "dir"))
    var templates: String = "Templates"

    @Option(name: .long, help: ArgumentHelp("Use this base URL instead of site.yml's base_url.", valueName: "url"))
    var baseURL: String?

    @Flag(name: .long, help: "Include pages whose status is draft.")
    var drafts = false

    func buildOptions(output: String = "Output", strict: Bool = false, force: Bool = false) -> BuildOptions {
        BuildOptions(
            contentFolder: URL(fileURLWithPath: content), templatesFolder: URL(fileURLWithPath: templates),
            outputFolder: URL(fileURLWithPath: output), baseURL: baseURL, includeDrafts: drafts, strict: strict, force: force)
    }
}
