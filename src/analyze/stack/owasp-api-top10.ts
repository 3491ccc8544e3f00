/** OWASP API Security Top 10, 2023 edition: the ids threats are mapped to. */
export const OWASP_API_2023 = {
  API1: "API1:2023 Broken Object Level Authorization",
  API2: "API2:2023 Broken Authentication",
  API3: "API3:2023 Broken Object Property Level Authorization",
  API4: "API4:2023 Unrestricted Resource Consumption",
  API5: "API5:2023 Broken Function Level Authorization",
  API6: "API6:2023 Unrestricted Access to Sensitive Business Flows",
  API7: "API7:2023 Server Side Request Forgery",
  API8: "API8:2023 Security Misconfiguration",
  API9: "API9:2023 Improper Inventory Management",
  API10: "API10:2023 Unsafe Consumption of APIs",
} as const;

export type OwaspApiRisk = (typeof OWASP_API_2023)[keyof typeof OWASP_API_2023];
