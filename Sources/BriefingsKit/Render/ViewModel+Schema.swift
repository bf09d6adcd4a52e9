/// Every key the view model can give a template, at any depth. Templates are
/// checked against it so that a misspelt variable (`{{page.titel}}`), which
/// Mustache would silently render as nothing, is a warning with its place.
/// A test keeps this list and `ViewModel` in step.
extension ViewModel {
    static let knownKeys: Set<String> = [
        // Top level
        "site", "page", "content", "breadcrumbs", "contents", "document", "listing", "collections", "citedIn",
        "vocabulary", "matrix", "related", "search",
        // Lists
        "items", "count",
        // site
        "title", "language", "baseURL", "root", "description", "organisation", "navigation", "isCurrentPage", "isCurrentSection",
        "buildDate", "origin", "locale",
        // page and list items
        "summary", "kind", "label", "url", "canonicalURL", "status", "isBriefing", "isDocument", "isChapter", "isCaseStudy",
        "isPage", "isSection", "isVocabulary", "isTerm", "isNotFound", "isHome", "chapterNumber", "isDraft", "isConsultation",
        "subtitle", "place", "source", "audience", "published", "updated", "closes", "terms", "iso", "long",
        "id", "singular", "meaning", "statusLabel", "isSearch", "isWholeDocument", "jsonLD",
        // breadcrumbs, contents, document
        "isCurrent", "text", "level", "children", "chapterCount", "chapters", "number", "previous", "next", "hasPagination",
        "wholeDocument",
        // home
        "briefings", "documents", "caseStudies",
        // list blocks, term pages
        "emptyText", "isEmpty", "countLabel",
        // search page
        "filters", "key", "value", "bundleURL",
        // matrix
        "caption", "rowsTitle", "columnsTitle", "columns", "rows", "cells", "rowTitle", "columnTitle", "pages", "gapCount",
    ]
}
