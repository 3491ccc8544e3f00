/** RFC 9457 problem details: every error the service answers has this body. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance?: string;
  readonly requestId?: string;
}

const TITLES: Readonly<Record<number, string>> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  501: "Not Implemented",
  503: "Service Unavailable",
};

/** An error a handler throws to answer with a problem. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(detail);
  }
}

export function problemOf(status: number, detail: string, requestId: string, instance: string): Problem {
  const title = TITLES[status] ?? "Error";
  return {
    type: `/problems/${title.toLowerCase().replaceAll(" ", "-")}`,
    title,
    status,
    detail,
    instance,
    requestId,
  };
}

/** PostgreSQL error codes a request can cause, and what the client is told. */
export function problemOfDatabaseError(error: unknown): HttpProblem | undefined {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  switch (code) {
    case "23505":
      return new HttpProblem(409, "A row with these unique values already exists.");
    case "23503":
      return new HttpProblem(422, "A referenced row does not exist.");
    case "23514":
    case "23502":
      return new HttpProblem(422, "The values break a rule of the data model.");
    case "22P02":
    case "22007":
    case "22008":
      return new HttpProblem(400, "A value has the wrong format.");
    case "42501":
      return new HttpProblem(403, "Row-level security refused the change.");
    case "AW403":
      return new HttpProblem(403, (error as Error).message);
    default:
      return undefined;
  }
}
