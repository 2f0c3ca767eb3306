// Package offloadprom exports the statistics of an [offload.Pool] as
// Prometheus metrics.
//
// It is a module of its own, so that the Prometheus client enters the
// build only of programs that import it; offload itself depends on the
// standard library alone.
//
//	prometheus.MustRegister(offloadprom.NewCollector(nil, nil)) // the default pool
//	prometheus.MustRegister(offloadprom.NewCollector(thumbs, prometheus.Labels{"pool": "thumbnails"}))
//
// Every metric is read from one [offload.Pool.Stats] snapshot per scrape,
// so the values of a scrape are consistent with each other.
package offloadprom

import (
	"github.com/blockcheck/blockcheck/offload"
	"github.com/prometheus/client_golang/prometheus"
)

// Collector is a [prometheus.Collector] for one pool. Its metrics are
//
//	offload_workers                    gauge    most tasks that run at once
//	offload_busy_workers               gauge    tasks running now
//	offload_queued_tasks               gauge    tasks waiting in the queue
//	offload_waiting_callers            gauge    callers waiting for room in a full queue
//	offload_tasks_completed_total      counter  tasks that ran to their end
//	offload_tasks_rejected_total       counter  calls that failed with ErrOverloaded
//	offload_tasks_canceled_total       counter  tasks never started as their context was done
//	offload_tasks_abandoned_total      counter  callers that left a running task
//	offload_task_panics_total          counter  tasks that panicked
//	offload_queue_wait_seconds_total   counter  time tasks waited before starting
//	offload_run_seconds_total          counter  time tasks ran
//
// each with the constant labels given to [NewCollector]. The mean queue
// wait of a task over an interval is the rate of
// offload_queue_wait_seconds_total divided by that of
// offload_tasks_completed_total; the workers' utilisation is the rate of
// offload_run_seconds_total divided by offload_workers.
type Collector struct {
	pool  *offload.Pool
	descs []*prometheus.Desc
}

// metric is a Collector's metric: its name, help, type and how it is read
// from Stats.
type metric struct {
	name, help string
	typ        prometheus.ValueType
	value      func(offload.Stats) float64
}

var metrics = []metric{
	{"offload_workers", "Most tasks the pool runs at once.", prometheus.GaugeValue,
		func(s offload.Stats) float64 { return float64(s.Workers) }},
	{"offload_busy_workers", "Tasks running now, including abandoned ones.", prometheus.GaugeValue,
		func(s offload.Stats) float64 { return float64(s.Busy) }},
	{"offload_queued_tasks", "Tasks waiting in the queue for a worker.", prometheus.GaugeValue,
		func(s offload.Stats) float64 { return float64(s.Queued) }},
	{"offload_waiting_callers", "Callers waiting for room in a full queue.", prometheus.GaugeValue,
		func(s offload.Stats) float64 { return float64(s.Waiting) }},
	{"offload_tasks_completed_total", "Tasks that ran to their end, including those that panicked.", prometheus.CounterValue,
		func(s offload.Stats) float64 { return float64(s.Completed) }},
	{"offload_tasks_rejected_total", "Calls that failed with ErrOverloaded.", prometheus.CounterValue,
		func(s offload.Stats) float64 { return float64(s.Rejected) }},
	{"offload_tasks_canceled_total", "Tasks never started because their context was done.", prometheus.CounterValue,
		func(s offload.Stats) float64 { return float64(s.Canceled) }},
	{"offload_tasks_abandoned_total", "Callers that stopped waiting for a running task because their context ended.", prometheus.CounterValue,
		func(s offload.Stats) float64 { return float64(s.Abandoned) }},
	{"offload_task_panics_total", "Tasks that panicked.", prometheus.CounterValue,
		func(s offload.Stats) float64 { return float64(s.Panics) }},
	{"offload_queue_wait_seconds_total", "Total time tasks waited in the queue before starting.", prometheus.CounterValue,
		func(s offload.Stats) float64 { return s.QueueWait.Seconds() }},
	{"offload_run_seconds_total", "Total time completed tasks ran.", prometheus.CounterValue,
		func(s offload.Stats) float64 { return s.RunTime.Seconds() }},
}

// NewCollector returns a Collector for p, or, if p is nil, for whatever
// pool [offload.Default] returns at each scrape. labels, which may be nil,
// are added to every metric; give each pool's collector a distinct label
// value, such as {"pool": "thumbnails"}, to register several.
func NewCollector(p *offload.Pool, labels prometheus.Labels) *Collector {
	c := &Collector{pool: p}
	for _, m := range metrics {
		c.descs = append(c.descs, prometheus.NewDesc(m.name, m.help, nil, labels))
	}
	return c
}

// Describe sends the descriptors of the Collector's metrics to ch.
func (c *Collector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range c.descs {
		ch <- d
	}
}

// Collect sends the current values of the Collector's metrics to ch, all
// from one snapshot of the pool's Stats.
func (c *Collector) Collect(ch chan<- prometheus.Metric) {
	p := c.pool
	if p == nil {
		p = offload.Default()
	}
	s := p.Stats()
	for i, m := range metrics {
		ch <- prometheus.MustNewConstMetric(c.descs[i], m.typ, m.value(s))
	}
}
