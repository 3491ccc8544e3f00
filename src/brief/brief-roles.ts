/*
 * Who acts in a brief. A doer is a role when it names people; the tests are written here because
 * compromise tags only some person nouns (#Actor), and the ones it misses ("members", "sellers")
 * follow the agent-noun endings below.
 */

/** Doers that are the system itself: what they do is a background job, not a user's request. */
const SYSTEM_WORDS = new Set([
  "app",
  "application",
  "system",
  "platform",
  "service",
  "api",
  "backend",
  "server",
  "site",
  "website",
  "product",
  "tool",
  "job",
  "scheduler",
  "cron",
  "worker",
  "bot",
  "feature",
  "module",
  "integration",
  "email",
  "notification",
  "database",
]);
const ANONYMOUS_WORDS = new Set([
  "visitor",
  "guest",
  "anyone",
  "anonymous",
  "public",
  "everyone",
  "stranger",
  "anybody",
  "prospect",
]);
const PEOPLE = new Set([
  "user",
  "member",
  "customer",
  "people",
  "person",
  "staff",
  "admin",
  "administrator",
  "client",
  "patient",
  "student",
  "parent",
  "tenant",
  "guest",
  "host",
  "owner",
  "employee",
  "team",
  "teammate",
  "colleague",
  "agent",
  "auditor",
  "doctor",
  "nurse",
  "clinician",
  "vet",
  "coach",
  "athlete",
  "artist",
  "creator",
  "author",
  "fan",
  "friend",
  "subscriber",
  "contractor",
  "freelancer",
  "candidate",
  "recruiter",
  "volunteer",
  "donor",
  "landlord",
  "courier",
  "chef",
  "vendor",
  "merchant",
  "partner",
  "operator",
  "analyst",
  "accountant",
  "investor",
  "lawyer",
  "therapist",
  "tutor",
  "mentor",
  "pilot",
  "passenger",
  "traveller",
  "traveler",
  "shopper",
]);
/** Things that end like agent nouns ("order", "router") but are not people. */
const AGENT_LOOKALIKES = new Set([
  "order",
  "number",
  "router",
  "server",
  "container",
  "filter",
  "timer",
  "counter",
  "meter",
  "folder",
  "header",
  "layer",
  "letter",
  "paper",
  "poster",
  "sensor",
  "monitor",
  "calendar",
  "error",
  "vector",
  "elevator",
  "cluster",
  "character",
  "parameter",
  "ledger",
  "trailer",
  "charger",
  "scooter",
  "tractor",
  "computer",
  "controller",
  "processor",
  "ticket",
  "transfer",
  "offer",
  "answer",
  "chapter",
  "register",
  "player",
]);

/**
 * Least to most privileged, for roles that name a duty rather than a customer: ordered by how much
 * of other people's data they may change.
 */
const PRIVILEGE_ORDER = [
  "reviewer",
  "support",
  "agent",
  "dispatcher",
  "moderator",
  "editor",
  "auditor",
  "staff",
  "operator",
  "manager",
  "admin",
  "owner",
  "superadmin",
];

export type Doer =
  | { kind: "role"; role: string }
  | { kind: "anonymous" }
  | { kind: "system" }
  | { kind: "thing" };

/**
 * A doer is a role when it names people, or when it is a group ("mechanics", "patrons") that the
 * brief never treats as a thing (acted on, or made of parts).
 */
export function classifyDoer(noun: string, thingWords: ReadonlySet<string>, plural = false): Doer {
  const head = noun.split(" ").at(-1) ?? noun;
  if (SYSTEM_WORDS.has(head)) return { kind: "system" };
  if (ANONYMOUS_WORDS.has(head)) return { kind: "anonymous" };
  const thing = thingWords.has(noun) || thingWords.has(head) || AGENT_LOOKALIKES.has(head);
  if ((isPersonNoun(noun) || plural) && !thing) return { kind: "role", role: roleName(noun) };
  return { kind: "thing" };
}

/** A doer noun that names people: a known person word, or an agent noun ("rider", "dentist"). */
export function isPersonNoun(noun: string): boolean {
  const head = noun.split(" ").at(-1) ?? noun;
  if (PEOPLE.has(head)) return true;
  if (AGENT_LOOKALIKES.has(head) || SYSTEM_WORDS.has(head) || head.length < 5) return false;
  return /(?:er|or|ist|ian|ant|ee)$/.test(head);
}

/** People words that name a person wherever they appear, not only as a doer. */
export function isPeopleWord(noun: string): boolean {
  return PEOPLE.has(noun.split(" ").at(-1) ?? noun);
}

/** "Pet owners" -> "pet-owner", "administrators" -> "admin", "people" -> "user". */
export function roleName(noun: string): string {
  const words = noun.split(" ");
  const head = words.at(-1) ?? noun;
  const mapped = head === "administrator" ? "admin" : head === "people" || head === "person" ? "user" : head;
  // A compound keeps its qualifier ("pet owner") unless the qualifier is filler ("other users").
  const qualifier =
    words.length > 1 && !/^(other|all|new|registered|logged-in|signed-in)$/.test(words[0] ?? "")
      ? words.slice(0, -1)
      : [];
  return [...qualifier, mapped]
    .join("-")
    .replace(/[^a-z0-9-]/g, "")
    .replace(/^[^a-z]+/, "");
}

/** Least privileged first: people the system serves in the order the brief names them, then duties. */
export function orderRoles(roles: readonly string[]): string[] {
  const rank = (r: string) => PRIVILEGE_ORDER.indexOf(r.split("-").at(-1) ?? r);
  const served = roles.filter((r) => rank(r) < 0);
  const duties = roles.filter((r) => rank(r) >= 0).sort((a, b) => rank(a) - rank(b));
  return [...served, ...duties];
}

export function isPrivilegedRole(role: string): boolean {
  return PRIVILEGE_ORDER.includes(role.split("-").at(-1) ?? role);
}
