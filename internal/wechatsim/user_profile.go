package wechatsim

// SetRemark sets the account's remark name (备注名) for this follower, as
// the Official Account console or user/info/updateremark would; user/info
// returns it from then on.
func (c *Customer) SetRemark(remark string) *Customer {
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	if acct, ok := c.s.accounts[c.appID]; ok {
		if f, ok := acct.followers[c.openID]; ok {
			f.remark = remark
		}
	}
	return c
}

// SetScene sets where the follower came from (user/info subscribe_scene,
// e.g. ADD_SCENE_CHANNELS), as if they had followed from there.
func (c *Customer) SetScene(scene string) *Customer {
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	if acct, ok := c.s.accounts[c.appID]; ok {
		if f, ok := acct.followers[c.openID]; ok {
			f.scene = scene
		}
	}
	return c
}
