package kf

import "context"

// ContactLink asks kf/add_contact_way for the account's link with scene.
func (d *Driver) ContactLink(ctx context.Context, account, scene string) (string, error) {
	u, err := d.api.AddContactWay(ctx, account, scene)
	return u, classify(err)
}
