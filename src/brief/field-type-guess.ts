import type { SpecField } from "../spec/spec-schema.js";

/*
 * A field named in a brief ("a price", "a due date") gets the type its name suggests. Written by
 * hand: the rules are a short table of naming conventions, not language understanding.
 */
const RULES: readonly [RegExp, SpecField][] = [
  [
    /(price|amount|total|cost|fee|balance|salary|budget|payout|revenue|fare|tip)$/i,
    { type: "decimal", precision: 12, scale: 2, min: 0 },
  ],
  [/^(latitude|longitude|lat|lng|lon)$/i, { type: "decimal", precision: 9, scale: 6 }],
  [/(email|emailAddress)$/i, { type: "email", pii: true }],
  [/(url|link|website|homepage)$/i, { type: "url" }],
  [/(phone|phoneNumber|mobile)$/i, { type: "string", max: 32, pii: true }],
  [/(address|location)$/i, { type: "string", max: 500, pii: true }],
  [/(birthday|birthDate|dateOfBirth)$/i, { type: "date", pii: true }],
  [/(date|day|deadline|dueOn)$/i, { type: "date" }],
  [/(time|At|timestamp)$/, { type: "timestamp" }],
  [
    /(count|quantity|capacity|age|rating|score|stock|seats|size|duration|minutes|stars|level|rank|position)$/i,
    { type: "integer", min: 0 },
  ],
  [
    /(description|body|bio|notes?|content|text|summary|message|instructions|comment)$/i,
    { type: "text", max: 10000 },
  ],
  [
    /^(is|has|can)[A-Z]|^(active|enabled|archived|verified|published|paid|available|completed)$/,
    { type: "boolean", default: false },
  ],
  [/(name|title|label|subject|headline)$/i, { type: "string", max: 200 }],
  [
    /(status|state|stage|kind|type|category|role|plan|tier|priority|currency|code|number|sku|slug|tag)$/i,
    { type: "string", max: 64 },
  ],
];

export function guessFieldType(name: string): SpecField {
  for (const [pattern, field] of RULES) if (pattern.test(name)) return { ...field };
  return { type: "string", max: 255 };
}
