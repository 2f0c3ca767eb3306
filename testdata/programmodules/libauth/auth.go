// Package libauth stands for an htpasswd library (issue 17, pattern 1):
// File.Match calls MatchesPassword through an interface whose
// implementations, one of them CPU-heavy, live in this same library and
// are made when the file is loaded, at start-up.
package libauth

import (
	"bytes"
	"crypto/pbkdf2"
	"crypto/sha256"
	"strings"
	"sync"
)

// EncodedPasswd is a password as the file stores it.
type EncodedPasswd interface {
	MatchesPassword(pw string) bool
}

// A PasswdParser parses one encoding of passwords.
type PasswdParser func(src string) (EncodedPasswd, error)

// DefaultSystems are the encodings understood by default.
var DefaultSystems = []PasswdParser{AcceptPlain, AcceptPBKDF2}

type plainPasswd struct{ pw string }

func (p plainPasswd) MatchesPassword(pw string) bool { return p.pw == pw }

// AcceptPlain parses a password in clear.
func AcceptPlain(src string) (EncodedPasswd, error) {
	if !strings.HasPrefix(src, "{PLAIN}") {
		return nil, nil
	}
	return plainPasswd{strings.TrimPrefix(src, "{PLAIN}")}, nil
}

type pbkdf2Passwd struct{ salt, hash []byte }

func (p *pbkdf2Passwd) MatchesPassword(pw string) bool {
	key, err := pbkdf2.Key(sha256.New, pw, p.salt, 600000, 32)
	return err == nil && bytes.Equal(key, p.hash)
}

// AcceptPBKDF2 parses a derived key.
func AcceptPBKDF2(src string) (EncodedPasswd, error) {
	salt, hash, ok := strings.Cut(src, "$")
	if !ok {
		return nil, nil
	}
	return &pbkdf2Passwd{[]byte(salt), []byte(hash)}, nil
}

// A File holds the users of a password file.
type File struct {
	mu      sync.Mutex
	parsers []PasswdParser
	users   map[string]EncodedPasswd
}

// New loads the users of lines with parsers.
func New(lines []string, parsers []PasswdParser) *File {
	f := &File{parsers: parsers, users: make(map[string]EncodedPasswd)}
	f.Reload(lines)
	return f
}

// Reload replaces the users with those of lines.
func (f *File) Reload(lines []string) {
	users := make(map[string]EncodedPasswd)
	for _, line := range lines {
		user, src, _ := strings.Cut(line, ":")
		for _, parse := range f.parsers {
			if m, err := parse(src); err == nil && m != nil {
				users[user] = m
				break
			}
		}
	}
	f.mu.Lock()
	f.users = users
	f.mu.Unlock()
}

// Match reports whether pw is user's password.
func (f *File) Match(user, pw string) bool {
	f.mu.Lock()
	m, ok := f.users[user]
	f.mu.Unlock()
	return ok && m.MatchesPassword(pw)
}
