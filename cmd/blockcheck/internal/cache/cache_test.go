package cache

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestGetPut(t *testing.T) {
	c, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	k := Key{1, 2, 3}
	if _, ok := c.Get(k); ok {
		t.Fatal("an empty cache has an entry")
	}
	if err := c.Put(k, []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := c.Put(k, []byte("two")); err != nil { // replaces
		t.Fatal(err)
	}
	if data, ok := c.Get(k); !ok || string(data) != "two" {
		t.Errorf("got %q, %v; want two", data, ok)
	}
	if hits, misses := c.Stats(); hits != 1 || misses != 1 {
		t.Errorf("stats %d hits, %d misses; want 1 and 1", hits, misses)
	}
}

func TestGetMarksUse(t *testing.T) {
	c, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	k := Key{7}
	if err := c.Put(k, []byte("x")); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-2 * useInterval)
	if err := os.Chtimes(c.file(k), old, old); err != nil {
		t.Fatal(err)
	}
	c.Get(k)
	if info, err := os.Stat(c.file(k)); err != nil || !info.ModTime().After(old.Add(useInterval)) {
		t.Errorf("a stale entry read by Get keeps its time (%v)", err)
	}
}

func TestTrim(t *testing.T) {
	dir := t.TempDir()
	c, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	age := map[Key]time.Duration{
		{1}: 0,                   // kept
		{2}: time.Hour,           // kept
		{3}: 2 * time.Hour,       // beyond the size bound
		{4}: trimAge + time.Hour, // unused too long
	}
	for k, d := range age {
		if err := c.Put(k, make([]byte, 100)); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(c.file(k), now.Add(-d), now.Add(-d)); err != nil {
			t.Fatal(err)
		}
	}
	tmp := filepath.Join(dir, "01", "left.tmp123")
	if err := os.WriteFile(tmp, nil, 0o666); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(tmp, now.Add(-2*time.Hour), now.Add(-2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := c.Trim(250); err != nil {
		t.Fatal(err)
	}
	for k, want := range map[Key]bool{{1}: true, {2}: true, {3}: false, {4}: false} {
		if _, err := os.Stat(c.file(k)); (err == nil) != want {
			t.Errorf("entry %d: present %v, want %v", k[0], err == nil, want)
		}
	}
	if _, err := os.Stat(tmp); err == nil {
		t.Errorf("Trim left an old temporary file")
	}
	// Within a day of the last trim, Trim does nothing.
	if err := c.Trim(0); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(c.file(Key{1})); err != nil {
		t.Errorf("a second Trim on the same day removed an entry")
	}
}

func TestDir(t *testing.T) {
	t.Setenv("BLOCKCHECK_CACHE", "/somewhere/else")
	if dir, err := Dir(); err != nil || dir != "/somewhere/else" {
		t.Errorf("Dir() = %q, %v; want $BLOCKCHECK_CACHE", dir, err)
	}
}
