// Command impl is a stand-in for an implementation under test. It serves
// HTTP on $PORT and behaves as $IMPL_MODE says:
//
//	""         serve
//	"exit"     print two lines and exit with status 3 at once
//	"silent"   print a line and never listen
//	"stubborn" serve, ignoring SIGTERM
//	"spawn"    start a stubborn copy of itself as a child and wait for it
//
// Its endpoints: GET /env?name=X answers the value of X; GET /up calls
// $UPSTREAM_URL/ping and relays the status and body it got; GET /pid
// answers its process id; GET /say?text=X prints X on stdout; GET /exit
// ends it with status 4.
package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"syscall"
	"time"
)

func main() {
	switch os.Getenv("IMPL_MODE") {
	case "exit":
		fmt.Println("impl: starting")
		fmt.Fprintln(os.Stderr, "impl: giving up at once")
		os.Exit(3)
	case "silent":
		fmt.Println("impl: not listening")
		time.Sleep(time.Hour)
		return
	case "stubborn":
		signal.Ignore(syscall.SIGTERM)
	case "spawn":
		spawn()
		return
	}
	serve()
}

func spawn() {
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, "impl: finding itself:", err)
		os.Exit(1)
	}
	cmd := exec.Command(self)
	cmd.Env = append(os.Environ(), "IMPL_MODE=stubborn")
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	signal.Ignore(syscall.SIGTERM)
	if err := cmd.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "impl: child:", err)
		os.Exit(1)
	}
}

func serve() {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /env", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, os.Getenv(r.URL.Query().Get("name")))
	})
	mux.HandleFunc("GET /pid", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, strconv.Itoa(os.Getpid()))
	})
	mux.HandleFunc("GET /say", func(w http.ResponseWriter, r *http.Request) {
		fmt.Println(r.URL.Query().Get("text"))
	})
	mux.HandleFunc("GET /up", relay)
	mux.HandleFunc("GET /exit", func(w http.ResponseWriter, r *http.Request) {
		fmt.Println("exiting on request")
		os.Exit(4)
	})

	addr := ":" + os.Getenv("PORT")
	fmt.Fprintln(os.Stderr, "impl: listening on", addr)
	srv := &http.Server{Addr: addr, Handler: mux,
		ReadHeaderTimeout: 5 * time.Second}
	if err := srv.ListenAndServe(); err != nil {
		fmt.Fprintln(os.Stderr, "impl: serving:", err)
		os.Exit(1)
	}
}

func relay(w http.ResponseWriter, r *http.Request) {
	c := http.Client{Timeout: 5 * time.Second}
	resp, err := c.Get(os.Getenv("UPSTREAM_URL") + "/ping")
	if err != nil {
		http.Error(w, "calling upstream: "+err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	w.WriteHeader(resp.StatusCode)
	io.Copy(w, resp.Body)
}
