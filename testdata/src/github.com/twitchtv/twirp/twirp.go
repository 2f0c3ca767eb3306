// Package twirp is a stub of github.com/twitchtv/twirp.
package twirp

type ClientOption func()
