/** The smallest useful design: one service, one entity, a handful of requests a second. */
export const TINY = `archwright: 1
system:
  name: Tiny Notes
  description: One person keeps short notes.
scale:
  users: 50
  dailyActiveUsers: 10
  peakRequestsPerSecond: 2
security:
  auth: [password]
  roles: [user]
entities:
  Note:
    service: notes
    fields:
      title: { type: string, max: 80 }
      body: { type: text, max: 2000 }
useCases:
  - name: List notes
    actor: user
    reads: [Note]
    sort: { Note: -createdAt }
    peakRps: 2
  - name: Write a note
    actor: user
    writes: [Note]
    peakRps: 1
`;
