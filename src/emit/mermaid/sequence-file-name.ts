/** `Home feed` -> `sequence-home-feed`, so each use case's diagram is `diagrams/sequence-home-feed.mmd`. */
export function sequenceFileName(useCase: { readonly name: string }): string {
  const slug = useCase.name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `sequence-${slug === "" ? "use-case" : slug}`;
}
