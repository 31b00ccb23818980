package main

import (
	"context"
	"time"
)

var fixedTime = time.Date(2099, 1, 1, 0, 0, 0, 0, time.UTC)

func (g *gen) sample(ctx context.Context) error  { return nil }
func (g *gen) hostile(ctx context.Context) error { return nil }
