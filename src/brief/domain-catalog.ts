import type { SpecEntity, SpecField } from "../spec/spec-schema.js";

/**
 * The domains a brief most often describes, each with the entities, roles and use cases an
 * architect would start from. Written by hand: no library holds backend domain models, and these
 * are deliberately small (what almost every system of the kind has), so a draft rarely carries an
 * entity the brief's author would delete.
 */

export interface CatalogEntity {
  readonly name: string;
  /** Singular lowercase nouns that name this entity in a brief ("photo" does not name a Post). */
  readonly words: readonly string[];
  /** Drafted whenever the domain matches, even if the brief never names it. */
  readonly core: boolean;
  readonly spec: SpecEntity;
}

export interface CatalogUseCase {
  readonly name: string;
  /** "verb Entity": how a person's expectation names it. */
  readonly key: string;
  /** `least`: the least privileged role; `most`: the most privileged; `anonymous`: public. */
  readonly actor: "least" | "most" | "anonymous";
  /** Role names that fit better than the least or most privileged one, if the brief has them. */
  readonly prefer?: readonly string[];
  readonly reads?: readonly string[];
  readonly writes?: readonly string[];
  readonly filter?: Readonly<Record<string, readonly string[]>>;
  readonly sort?: Readonly<Record<string, string>>;
  readonly transactional?: boolean;
}

export interface Domain {
  readonly id: string;
  readonly label: string;
  /** Words (singular, lowercase) or phrases that suggest the domain; `strong` ones suffice alone. */
  readonly triggers: readonly string[];
  readonly strong: readonly string[];
  readonly entities: readonly CatalogEntity[];
  readonly useCases: readonly CatalogUseCase[];
  /** The tenant entity, for multi-tenant domains. */
  readonly tenancy?: string;
  /** What an architect would ask about this kind of system. */
  readonly questions: readonly string[];
}

const money = (extra: Partial<SpecField> = {}): SpecField => ({
  type: "decimal",
  precision: 12,
  scale: 2,
  min: 0,
  ...extra,
});
const currency: SpecField = { type: "string", min: 3, max: 3 };
const title: SpecField = { type: "string", max: 200 };
const owner: SpecField = { ref: "User" };

export const PERSON_ENTITY = "User";

export const DOMAINS: readonly Domain[] = [
  {
    id: "social",
    label: "Social network",
    triggers: [
      "social",
      "feed",
      "follow",
      "follower",
      "timeline",
      "like",
      "share",
      "sharing",
      "profile",
      "friend",
    ],
    strong: ["social", "feed", "timeline", "follower"],
    entities: [
      {
        name: "Post",
        words: ["post", "status update"],
        core: true,
        spec: {
          fields: {
            author: owner,
            body: { type: "text", max: 5000 },
            visibility: { type: "enum", values: ["public", "followers"], default: "public" },
          },
          growth: { perActiveUserPerDay: 0.3 },
        },
      },
      {
        name: "Follow",
        words: ["follow", "follower", "following"],
        core: true,
        spec: { key: ["follower", "followee"], fields: { follower: owner, followee: { ref: "User" } } },
      },
      {
        name: "Comment",
        words: ["comment", "reply"],
        core: false,
        spec: {
          fields: {
            post: { ref: "Post", onDelete: "cascade" },
            author: owner,
            body: { type: "text", max: 2000 },
          },
          growth: { perActiveUserPerDay: 0.5 },
        },
      },
      {
        name: "Like",
        words: ["like", "reaction"],
        core: false,
        spec: { key: ["user", "post"], fields: { user: owner, post: { ref: "Post", onDelete: "cascade" } } },
      },
    ],
    useCases: [
      {
        name: "Home feed",
        key: "read Post",
        actor: "least",
        reads: ["Post", "Follow"],
        filter: { Post: ["author"] },
        sort: { Post: "-createdAt" },
      },
      { name: "Publish a post", key: "publish Post", actor: "least", writes: ["Post"] },
      { name: "Follow a user", key: "follow Follow", actor: "least", writes: ["Follow"] },
      { name: "Comment on a post", key: "comment Comment", actor: "least", writes: ["Comment"] },
      { name: "Like a post", key: "like Like", actor: "least", writes: ["Like"] },
    ],
    questions: ["Are posts public, visible to followers only, or both?"],
  },
  {
    id: "commerce",
    label: "Online shop",
    triggers: [
      "shop",
      "store",
      "e-commerce",
      "ecommerce",
      "catalog",
      "cart",
      "checkout",
      "product",
      "inventory",
      "stock",
    ],
    strong: ["e-commerce", "ecommerce", "checkout", "cart", "shop"],
    entities: [
      {
        name: "Product",
        words: ["product", "item", "catalog", "catalogue"],
        core: true,
        spec: {
          fields: {
            sku: { type: "string", max: 40, unique: true },
            title,
            description: { type: "text", max: 10000, optional: true },
            price: money(),
            currency,
            active: { type: "boolean", default: true },
          },
          growth: { rows: 50000 },
        },
      },
      {
        name: "Order",
        words: ["order", "purchase"],
        core: true,
        spec: {
          private: true,
          fields: {
            customer: owner,
            status: {
              type: "enum",
              values: ["pending", "paid", "shipped", "cancelled"],
              default: "pending",
              readOnly: true,
            },
            total: money({ readOnly: true }),
            currency,
          },
          growth: { perActiveUserPerDay: 0.05 },
        },
      },
      {
        name: "OrderLine",
        words: ["order line", "line item"],
        core: true,
        spec: {
          private: true,
          fields: {
            order: { ref: "Order", onDelete: "cascade" },
            product: { ref: "Product" },
            quantity: { type: "integer", min: 1, max: 1000 },
            unitPrice: money({ readOnly: true }),
          },
          growth: { perActiveUserPerDay: 0.12 },
        },
      },
      {
        name: "InventoryItem",
        words: ["inventory", "stock"],
        core: false,
        spec: {
          fields: {
            product: { ref: "Product" },
            onHand: { type: "integer", min: 0 },
            reserved: { type: "integer", min: 0, default: 0, readOnly: true },
          },
          growth: { rows: 50000 },
        },
      },
    ],
    useCases: [
      {
        name: "Browse the catalog",
        key: "browse Product",
        actor: "anonymous",
        reads: ["Product"],
        filter: { Product: ["active"] },
        sort: { Product: "title" },
      },
      {
        name: "Check out",
        key: "check out Order",
        actor: "least",
        reads: ["Product"],
        writes: ["Order", "OrderLine"],
        transactional: true,
      },
      {
        name: "Order history",
        key: "read Order",
        actor: "least",
        reads: ["Order", "OrderLine"],
        filter: { Order: ["customer"] },
        sort: { Order: "-createdAt" },
      },
      { name: "Restock", key: "restock InventoryItem", actor: "most", writes: ["InventoryItem"] },
    ],
    questions: [
      "Which payment provider takes the money, and do card numbers ever reach this system (PCI DSS)?",
      "Is stock reserved at checkout or only decremented when the order is paid?",
    ],
  },
  {
    id: "marketplace",
    label: "Marketplace",
    triggers: ["marketplace", "seller", "buyer", "vendor", "listing", "host", "commission", "two-sided"],
    strong: ["marketplace", "two-sided", "listing"],
    entities: [
      {
        name: "Listing",
        words: ["listing", "item"],
        core: true,
        spec: {
          fields: {
            seller: owner,
            title,
            description: { type: "text", max: 10000, optional: true },
            price: money(),
            currency,
            status: { type: "enum", values: ["draft", "active", "sold", "withdrawn"], default: "draft" },
          },
          growth: { perActiveUserPerDay: 0.02 },
        },
      },
      {
        name: "Purchase",
        words: ["purchase", "sale", "deal"],
        core: true,
        spec: {
          private: true,
          fields: {
            buyer: owner,
            listing: { ref: "Listing" },
            amount: money({ readOnly: true }),
            currency,
            status: {
              type: "enum",
              values: ["pending", "paid", "completed", "cancelled"],
              default: "pending",
              readOnly: true,
            },
          },
          growth: { perActiveUserPerDay: 0.01 },
        },
      },
      {
        name: "Review",
        words: ["review", "rating"],
        core: false,
        spec: {
          unique: [["author", "purchase"]],
          fields: {
            purchase: { ref: "Purchase" },
            author: owner,
            rating: { type: "integer", min: 1, max: 5 },
            body: { type: "text", max: 2000, optional: true },
          },
          growth: { perActiveUserPerDay: 0.005 },
        },
      },
    ],
    useCases: [
      {
        name: "Search listings",
        key: "search Listing",
        actor: "anonymous",
        reads: ["Listing"],
        filter: { Listing: ["status"] },
        sort: { Listing: "-createdAt" },
      },
      {
        name: "Publish a listing",
        key: "publish Listing",
        actor: "least",
        prefer: ["seller", "vendor", "host"],
        writes: ["Listing"],
      },
      {
        name: "Buy a listing",
        key: "buy Purchase",
        actor: "least",
        prefer: ["buyer", "customer", "guest"],
        reads: ["Listing"],
        writes: ["Purchase", "Listing"],
        transactional: true,
      },
      {
        name: "Review a purchase",
        key: "review Review",
        actor: "least",
        prefer: ["buyer", "customer", "guest"],
        writes: ["Review"],
      },
    ],
    questions: [
      "Does the marketplace hold buyers' money until delivery (escrow), and how are sellers paid out?",
      "Who settles disputes between buyers and sellers?",
    ],
  },
  {
    id: "saas",
    label: "Multi-tenant SaaS",
    triggers: [
      "saas",
      "multi-tenant",
      "tenant",
      "organization",
      "organisation",
      "workspace",
      "b2b",
      "company",
      "subscription",
    ],
    strong: ["saas", "multi-tenant", "tenant", "b2b", "workspace"],
    entities: [
      {
        name: "Organization",
        words: ["organization", "organisation", "tenant", "workspace", "company"],
        core: true,
        spec: {
          fields: {
            name: { type: "string", max: 120 },
            plan: { type: "enum", values: ["free", "team", "enterprise"], default: "free" },
          },
          growth: { rows: 20000 },
        },
      },
      {
        name: "Invitation",
        words: ["invitation", "invite"],
        core: false,
        spec: {
          fields: {
            email: { type: "email", pii: true },
            invitedBy: { ref: "User" },
            expiresAt: { type: "timestamp" },
          },
        },
      },
    ],
    useCases: [
      { name: "Invite a teammate", key: "invite Invitation", actor: "most", writes: ["Invitation"] },
      {
        name: "Manage the organization",
        key: "manage Organization",
        actor: "most",
        writes: ["Organization"],
      },
    ],
    tenancy: "Organization",
    questions: [
      "Do customers sign in with their own identity provider (SAML or OIDC single sign-on)?",
      "Must any customer's data live in a specific region, or in a database of its own?",
    ],
  },
  {
    id: "chat",
    label: "Chat and messaging",
    triggers: ["chat", "message", "messaging", "conversation", "dm", "channel", "inbox", "thread"],
    strong: ["chat", "messaging", "conversation"],
    entities: [
      {
        name: "Conversation",
        words: ["conversation", "channel", "thread", "chat", "room"],
        core: true,
        spec: { fields: { title: { type: "string", max: 200, optional: true }, createdBy: owner } },
      },
      {
        name: "Participant",
        words: ["participant"],
        core: true,
        spec: {
          key: ["conversation", "user"],
          fields: { conversation: { ref: "Conversation", onDelete: "cascade" }, user: { ref: "User" } },
        },
      },
      {
        name: "Message",
        words: ["message", "dm"],
        core: true,
        spec: {
          fields: {
            conversation: { ref: "Conversation", onDelete: "cascade" },
            sender: owner,
            body: { type: "text", max: 4000 },
          },
          growth: { perActiveUserPerDay: 20 },
        },
      },
    ],
    useCases: [
      {
        name: "Read a conversation",
        key: "read Message",
        actor: "least",
        reads: ["Message"],
        filter: { Message: ["conversation"] },
        sort: { Message: "-createdAt" },
      },
      { name: "Send a message", key: "send Message", actor: "least", writes: ["Message"] },
      {
        name: "Start a conversation",
        key: "start Conversation",
        actor: "least",
        writes: ["Conversation", "Participant"],
        transactional: true,
      },
    ],
    questions: [
      "Must messages arrive in real time (WebSocket or server-sent events) or is polling enough?",
      "Are messages end-to-end encrypted, so the server never reads them?",
    ],
  },
  {
    id: "ledger",
    label: "Payments and ledger",
    triggers: ["ledger", "wallet", "balance", "transfer", "payout", "double-entry", "fintech", "bank"],
    strong: ["ledger", "wallet", "double-entry", "fintech", "payout"],
    entities: [
      {
        name: "LedgerAccount",
        words: ["ledger account", "wallet", "balance"],
        core: true,
        spec: {
          private: true,
          fields: {
            holder: owner,
            currency,
            balance: { type: "decimal", precision: 12, scale: 2, readOnly: true },
          },
        },
      },
      {
        name: "Transfer",
        words: ["transfer", "payment", "transaction", "payout"],
        core: true,
        spec: {
          private: true,
          fields: {
            initiator: owner,
            source: { ref: "LedgerAccount" },
            destination: { ref: "LedgerAccount" },
            amount: money(),
            currency,
            status: {
              type: "enum",
              values: ["pending", "posted", "failed"],
              default: "pending",
              readOnly: true,
            },
          },
          growth: { perActiveUserPerDay: 0.2 },
        },
      },
      {
        name: "LedgerEntry",
        words: ["ledger entry", "entry", "posting", "statement"],
        core: true,
        spec: {
          private: true,
          fields: {
            account: { ref: "LedgerAccount" },
            transfer: { ref: "Transfer" },
            direction: { type: "enum", values: ["debit", "credit"] },
            amount: money(),
          },
          growth: { perActiveUserPerDay: 0.4 },
        },
      },
    ],
    useCases: [
      {
        name: "Make a transfer",
        key: "make Transfer",
        actor: "least",
        reads: ["LedgerAccount"],
        writes: ["Transfer", "LedgerEntry", "LedgerAccount"],
        transactional: true,
      },
      {
        name: "Account statement",
        key: "read LedgerEntry",
        actor: "least",
        reads: ["LedgerEntry"],
        filter: { LedgerEntry: ["account"] },
        sort: { LedgerEntry: "-createdAt" },
      },
    ],
    questions: [
      "Which currencies are held, and may an account's balance go below zero?",
      "Which regulator's audit and record-keeping rules apply to the ledger?",
    ],
  },
  {
    id: "booking",
    label: "Booking and reservations",
    triggers: [
      "booking",
      "reservation",
      "appointment",
      "slot",
      "schedule",
      "calendar",
      "check-in",
      "availability",
    ],
    strong: ["booking", "reservation", "appointment"],
    entities: [
      {
        name: "Resource",
        words: ["resource", "room", "venue", "table", "court", "desk"],
        core: true,
        spec: {
          fields: {
            name: { type: "string", max: 120 },
            capacity: { type: "integer", min: 1, optional: true },
          },
          growth: { rows: 10000 },
        },
      },
      {
        name: "Slot",
        words: ["slot", "time slot", "availability", "calendar"],
        core: true,
        spec: {
          fields: {
            resource: { ref: "Resource", onDelete: "cascade" },
            startsAt: { type: "timestamp" },
            endsAt: { type: "timestamp" },
          },
          growth: { perDay: 2000 },
        },
      },
      {
        name: "Booking",
        words: ["booking", "reservation", "appointment", "schedule"],
        core: true,
        spec: {
          private: true,
          fields: {
            slot: { ref: "Slot" },
            customer: owner,
            status: {
              type: "enum",
              values: ["held", "confirmed", "cancelled"],
              default: "held",
              readOnly: true,
            },
          },
          growth: { perActiveUserPerDay: 0.05 },
        },
      },
    ],
    useCases: [
      {
        name: "Find a free slot",
        key: "find Slot",
        actor: "anonymous",
        reads: ["Slot", "Resource"],
        filter: { Slot: ["resource"] },
        sort: { Slot: "startsAt" },
      },
      {
        name: "Book a slot",
        key: "book Booking",
        actor: "least",
        reads: ["Slot"],
        writes: ["Booking"],
        transactional: true,
      },
      {
        name: "My bookings",
        key: "read Booking",
        actor: "least",
        reads: ["Booking"],
        filter: { Booking: ["customer"] },
        sort: { Booking: "-createdAt" },
      },
    ],
    questions: [
      "How long is a slot held while a customer pays, and may a slot be double-booked (overbooking)?",
      "Which time zones do resources and customers live in?",
    ],
  },
  {
    id: "cms",
    label: "Content management",
    triggers: ["cms", "content", "article", "blog", "editor", "page", "media", "draft", "newsletter"],
    strong: ["cms", "blog", "article"],
    entities: [
      {
        name: "Article",
        words: ["article", "page", "story", "blog post"],
        core: true,
        spec: {
          fields: {
            author: owner,
            title,
            slug: { type: "string", max: 200, unique: true },
            body: { type: "text", max: 200000 },
            status: { type: "enum", values: ["draft", "in-review", "published"], default: "draft" },
            publishedAt: { type: "timestamp", optional: true },
          },
          growth: { perDay: 200 },
        },
      },
      {
        name: "MediaAsset",
        words: ["media", "image", "asset", "file", "attachment"],
        core: false,
        spec: {
          fields: {
            uploadedBy: owner,
            url: { type: "url" },
            altText: { type: "string", max: 500, optional: true },
          },
          growth: { perDay: 500 },
        },
      },
    ],
    useCases: [
      {
        name: "Read published articles",
        key: "read Article",
        actor: "anonymous",
        reads: ["Article"],
        filter: { Article: ["status"] },
        sort: { Article: "-publishedAt" },
      },
      { name: "Write an article", key: "write Article", actor: "least", writes: ["Article"] },
      { name: "Publish an article", key: "publish Article", actor: "most", writes: ["Article"] },
    ],
    questions: [
      "Is there an editorial review step before an article is published?",
      "Are articles served through a CDN?",
    ],
  },
  {
    id: "iot",
    label: "IoT telemetry",
    triggers: ["iot", "device", "sensor", "telemetry", "reading", "firmware", "metric", "gateway", "meter"],
    strong: ["iot", "telemetry", "sensor"],
    entities: [
      {
        name: "Device",
        words: ["device", "sensor", "meter", "gateway"],
        core: true,
        spec: {
          fields: {
            owner: owner,
            serialNumber: { type: "string", max: 64, unique: true },
            name: { type: "string", max: 120, optional: true },
            lastSeenAt: { type: "timestamp", optional: true, readOnly: true },
          },
          growth: { rows: 100000 },
        },
      },
      {
        name: "Reading",
        words: ["reading", "measurement", "metric", "telemetry", "sample"],
        core: true,
        spec: {
          fields: {
            device: { ref: "Device" },
            metric: { type: "string", max: 64 },
            value: { type: "decimal", precision: 18, scale: 6 },
            recordedAt: { type: "timestamp" },
          },
          growth: { perDay: 1000000 },
        },
      },
      {
        name: "Alert",
        words: ["alert", "alarm", "notification"],
        core: false,
        spec: {
          fields: {
            device: { ref: "Device" },
            kind: { type: "string", max: 64 },
            message: { type: "string", max: 500 },
          },
          growth: { perDay: 1000 },
        },
      },
    ],
    useCases: [
      {
        name: "Ingest readings",
        key: "send Reading",
        actor: "least",
        prefer: ["device"],
        writes: ["Reading"],
      },
      {
        name: "Device history",
        key: "read Reading",
        actor: "least",
        reads: ["Reading"],
        filter: { Reading: ["device"] },
        sort: { Reading: "-recordedAt" },
      },
    ],
    questions: [
      "How do devices authenticate (API keys, client certificates), and how often do they report?",
      "How long must raw readings be kept before they are downsampled or archived?",
    ],
  },
];
