// Package seed is the harness's reference implementation of the seed
// contract, PUT /v1/groups/{groupId}/assignAsAdmin (specs/seed.yaml). It is
// a conforming server used to prove the harness, not part of the harness:
// the harness must pass it on every case, and fail each of its mutants on
// exactly the one case the mutant breaks.
//
// Every documented status is reached for a real reason, the way
// fixtures/seed.yaml triggers it. A request to the operation goes through
// these checks in this order, and the first that refuses it answers:
//
//  1. rate limit per client, keyed by x-client-id or else the remote
//     address, a fixed window: 429;
//  2. maintenance state on: 503;
//  3. credentials: either header missing, unknown token or unknown client
//     id: 401; a known but expired token: 403;
//  4. body: absent, not JSON, not an object, no userId or any other
//     property: 400; userId not a positive integer: 422;
//  5. group lookup: unknown group: 404; internal fault state on: 500;
//  6. caller not an admin of the group: 403;
//  7. the upstream membership directory, GET {upstream}/members/{userId}:
//     not a member or unknown there: 422; an answer that is not the
//     documented JSON: 502; no answer in time: 504; no connection: 502.
//
// When all pass, the user becomes an admin of the group and the answer is
// 200. The test-control endpoint POST /__test/state switches the
// "internal fault" and "maintenance" states; it exists only when
// Config.TestControl is set, and is neither rate limited nor blocked by
// maintenance.
package seed
