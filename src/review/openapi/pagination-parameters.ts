/** `page_size`, `pageSize`, `page-size` all become `pagesize`. */
export function normalizeParameterName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** Parameters that cap how many items one response returns. */
export const PAGE_SIZE_PARAMETERS: ReadonlySet<string> = new Set([
  "limit",
  "pagesize",
  "perpage",
  "maxresults",
  "top",
  "maxpagesize",
  "pagelimit",
  "maxitems",
]);

/** Parameters that select which page: cursors, offsets, page numbers, and the page-size caps above. */
export const PAGINATION_PARAMETERS: ReadonlySet<string> = new Set([
  ...PAGE_SIZE_PARAMETERS,
  "cursor",
  "page",
  "pagenumber",
  "pagetoken",
  "nextpagetoken",
  "pagecursor",
  "continuationtoken",
  "offset",
  "skip",
  "startingafter",
  "endingbefore",
  "after",
  "before",
  "marker",
  "since",
  "start",
  "first",
  "last",
  "next",
]);
