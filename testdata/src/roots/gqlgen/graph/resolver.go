// Package graph proves that gqlgen resolvers, which implement the
// interfaces that gqlgen generates in the same package, are roots;
// a helper method of a resolver is not.
package graph

import (
	"context"
	"time"

	"heavy"
)

type Resolver struct{}

func (r *Resolver) Mutation() MutationResolver { return &mutationResolver{r} }
func (r *Resolver) Query() QueryResolver       { return &queryResolver{r} }

type mutationResolver struct{ *Resolver }

func (r *mutationResolver) CreateUser(ctx context.Context, password string) (*User, error) { // want CreateUser:"reaches bcrypt.GenerateFromPassword"
	return &User{Hash: heavy.Hash(password)}, nil // want `mutationResolver.CreateUser calls bcrypt.GenerateFromPassword via heavy.Hash`
}

// warm is not a resolver method: not a root.
func (r *mutationResolver) warm() {
	time.Sleep(time.Second)
}

type queryResolver struct{ *Resolver }

func (r *queryResolver) User(ctx context.Context, id string) (*User, error) { // want User:"reaches time.Sleep"
	time.Sleep(time.Second) // want `queryResolver.User calls time.Sleep`
	return nil, nil
}
