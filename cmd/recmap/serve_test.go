package main

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
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
	e := &env{stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}, getenv: func(k string) string {
		if k == "PW" {
			return "long-enough-secret"
		}
		return ""
	}}
	if a, err := loadAuth(e, "env:PW"); err != nil || a == nil {
		t.Errorf("env:PW: %v", err)
	}
	for _, bad := range []string{"env:NOPE", "short", "/no/such/users-file"} {
		if _, err := loadAuth(e, bad); err == nil {
			t.Errorf("loadAuth(%q): no error", bad)
		}
	}
}
