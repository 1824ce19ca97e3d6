// Package exchange sends the requests of the harness and records them.
//
// A Client sends one runner.Request against a base URL and returns the
// response as data: the status, the headers and at most Options.MaxBody
// bytes of the body. It never follows a redirect, so a 3xx is a status for
// the checks and credentials never travel to another host. A failure to
// get an answer is a *TransportError whose Kind tells a target that cannot
// be reached from one that reached and then broke the exchange.
//
// Curl and Record turn a request and its response into the masked
// transcript a report stores beside each case.
package exchange
