package offloadprom

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/blockcheck/blockcheck/offload"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

func TestCollector(t *testing.T) {
	p := offload.New(offload.WithWorkers(3), offload.WithQueue(0))
	ctx := context.Background()
	for range 4 {
		if err := p.Run(ctx, func() {}); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Run(ctx, func() { panic("boom") }); err == nil {
		t.Fatal("panicking task returned nil")
	}
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	if err := p.Run(canceled, func() {}); !errors.Is(err, context.Canceled) {
		t.Fatalf("Run with a canceled context = %v", err)
	}

	c := NewCollector(p, prometheus.Labels{"pool": "test"})
	if problems, err := testutil.CollectAndLint(c); err != nil || len(problems) > 0 {
		t.Errorf("lint: %v %v", problems, err)
	}
	want := `
# HELP offload_workers Most tasks the pool runs at once.
# TYPE offload_workers gauge
offload_workers{pool="test"} 3
# HELP offload_busy_workers Tasks running now, including abandoned ones.
# TYPE offload_busy_workers gauge
offload_busy_workers{pool="test"} 0
# HELP offload_queued_tasks Tasks waiting in the queue for a worker.
# TYPE offload_queued_tasks gauge
offload_queued_tasks{pool="test"} 0
# HELP offload_tasks_completed_total Tasks that ran to their end, including those that panicked.
# TYPE offload_tasks_completed_total counter
offload_tasks_completed_total{pool="test"} 5
# HELP offload_tasks_rejected_total Calls that failed with ErrOverloaded.
# TYPE offload_tasks_rejected_total counter
offload_tasks_rejected_total{pool="test"} 0
# HELP offload_tasks_canceled_total Tasks never started because their context was done.
# TYPE offload_tasks_canceled_total counter
offload_tasks_canceled_total{pool="test"} 1
# HELP offload_task_panics_total Tasks that panicked.
# TYPE offload_task_panics_total counter
offload_task_panics_total{pool="test"} 1
`
	names := []string{"offload_workers", "offload_busy_workers", "offload_queued_tasks",
		"offload_tasks_completed_total", "offload_tasks_rejected_total",
		"offload_tasks_canceled_total", "offload_task_panics_total"}
	if err := testutil.CollectAndCompare(c, strings.NewReader(want), names...); err != nil {
		t.Error(err)
	}
	if n := testutil.CollectAndCount(c); n != len(metrics) {
		t.Errorf("collected %d metrics, want %d", n, len(metrics))
	}
}

// TestDefaultPool checks that a collector for the nil pool follows
// offload.SetDefault, and that collectors for two pools register together.
func TestDefaultPool(t *testing.T) {
	old := offload.Default()
	defer offload.SetDefault(old)
	p := offload.New(offload.WithWorkers(7))
	offload.SetDefault(p)

	reg := prometheus.NewPedanticRegistry()
	reg.MustRegister(NewCollector(nil, prometheus.Labels{"pool": "default"}))
	reg.MustRegister(NewCollector(offload.New(offload.WithWorkers(2)), prometheus.Labels{"pool": "other"}))
	want := `
# HELP offload_workers Most tasks the pool runs at once.
# TYPE offload_workers gauge
offload_workers{pool="default"} 7
offload_workers{pool="other"} 2
`
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want), "offload_workers"); err != nil {
		t.Error(err)
	}
}
