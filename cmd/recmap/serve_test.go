package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/recmap/recmap/web"
)

func TestServeRefusesNetworkWithoutAuth(t *testing.T) {
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	err := runServe(context.Background(), e, []string{"--addr", "0.0.0.0:0", "--data", t.TempDir()})
	var ue *usageError
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), "--auth") {
		t.Fatalf("err = %v, want a usage error that asks for --auth", err)
	}
}

func TestIsLoopback(t *testing.T) {
	for _, tt := range []struct {
		addr string
		want bool
	}{
		{"127.0.0.1:8080", true},
		{"localhost:8080", true},
		{"[::1]:8080", true},
		{"0.0.0.0:8080", false},
		{":8080", false},
		{"10.0.0.5:80", false},
		{"intranet.example:80", false},
	} {
		got, err := isLoopback(tt.addr)
		if err != nil || got != tt.want {
			t.Errorf("isLoopback(%q) = %v, %v; want %v", tt.addr, got, err, tt.want)
		}
	}
}

func TestLoadAuth(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	line, err := web.HashPassword("anna", "correct horse")
	if err != nil {
		t.Fatal(err)
	}
	users := write("users", "# staff\n"+line+"\n")
	shared := write("shared", "long-enough-secret\n")
	short := write("short", "short\n")
	two := write("two", "one-password\nanother-one\n")
	e := &env{stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}, getenv: func(k string) string {
		if k == "PW" {
			return "long-enough-secret"
		}
		return ""
	}}
	for _, tt := range []struct {
		name, file, env string
		ok              bool
	}{
		{"users file", users, authEnv, true},
		{"shared password file", shared, authEnv, true},
		{"environment", "", "PW", true},
		{"nothing", "", authEnv, false},
		{"short password", short, authEnv, false},
		{"two lines", two, authEnv, false},
		{"missing file", filepath.Join(dir, "none"), authEnv, false},
		{"folder", dir, authEnv, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a, err := loadAuth(e, tt.file, tt.env)
			if got := err == nil && a != nil; got != tt.ok {
				t.Errorf("loadAuth(%q, %q) = %v, %v; want ok %v", tt.file, tt.env, a, err, tt.ok)
			}
		})
	}
}

// TestServeNoPasswordOnCommandLine: --auth with a password is refused
// without repeating it; --tls-cert needs --tls-key.
func TestServeNoPasswordOnCommandLine(t *testing.T) {
	const secret = "hunter2-correct-horse"
	for _, args := range [][]string{
		{"--auth", secret},
		{"--auth-file", "x", "--auth", secret},
		{secret},
		{"--tls-cert", "cert.pem"},
	} {
		var out, errb bytes.Buffer
		e := &env{stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
		err := runServe(t.Context(), e, append([]string{"--data", t.TempDir()}, args...))
		var ue *usageError
		if !errors.As(err, &ue) {
			t.Errorf("serve %q: %v, want a usage error", args, err)
			continue
		}
		if strings.Contains(err.Error()+out.String()+errb.String(), secret) {
			t.Errorf("serve %q repeats the password: %v %s", args, err, errb.String())
		}
	}
}

func TestHostList(t *testing.T) {
	var h hostList
	h.Set("a.example, b.example")
	h.Set("c.example")
	if got := h.String(); got != "a.example,b.example,c.example" {
		t.Errorf("host names %q", got)
	}
}
