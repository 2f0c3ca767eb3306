// Package ops has operational helpers.
package ops

import (
	"log"
	"net"
	"net/http"
	"os/exec"
	"time"
)

// DiskUsage reports the disk usage of the data directory.
func DiskUsage() ([]byte, error) {
	return exec.Command("du", "-sh", "/var/lib/shop").Output()
}

// CheckUpstream checks that the payment provider answers.
func CheckUpstream() error {
	resp, err := http.Get("https://payments.example.com/health")
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Ping checks that the database accepts connections.
func Ping(addr string) error {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	return conn.Close()
}

// Backoff waits before retry number attempt.
func Backoff(attempt int) {
	time.Sleep(time.Duration(attempt) * 100 * time.Millisecond)
}

// Audit records a request path in the background.
func Audit(path string) {
	go func() {
		resp, err := http.Get("https://audit.example.com/log?path=" + path)
		if err != nil {
			log.Print(err)
			return
		}
		resp.Body.Close()
	}()
}

// WarmUp fills caches at startup.
func WarmUp() {
	time.Sleep(time.Second)
}
