// WeDesk's extension of PocketBase's dashboard (served as /_/extensions.js):
// a new agent's form starts with what the server fills in for empty fields
// (role agent, status offline, capacity 10), and the channel fields that
// WeDesk keeps (callback URL and status) are read-only.
const wdDefaults = { role: 'agent', status: 'offline', max_concurrent: '10' };
const wdReadOnly = ['callback_url', 'last_verified_at', 'last_callback_at', 'last_error', 'last_error_at', 'sync_cursor'];

function wdFillAgentDefaults(root) {
  const cap = root.querySelector('input[name=max_concurrent]');
  const id = root.querySelector('textarea[name=id]');
  // Only a new record: its id is still empty and editable.
  if (!cap || !id || id.value !== '' || id.readOnly || id.disabled) return;
  if (!cap.dataset.wd && (cap.value === '' || cap.value === '0')) {
    cap.dataset.wd = '1';
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    setter.call(cap, wdDefaults.max_concurrent);
    cap.dispatchEvent(new Event('input', { bubbles: true }));
    cap.dispatchEvent(new Event('change', { bubbles: true }));
  }
  for (const name of ['role', 'status']) {
    const button = root.querySelector('button[name=' + name + ']');
    if (!button || button.dataset.wd || !button.querySelector('.placeholder')) continue;
    const option = [...button.parentElement.querySelectorAll('.select-option')]
      .find((o) => o.textContent.trim() === wdDefaults[name]);
    if (!option) continue;
    button.dataset.wd = '1';
    option.click();
  }
}

function wdLockFields(root) {
  for (const name of wdReadOnly) {
    for (const el of root.querySelectorAll('[name=' + name + ']')) {
      if (!el.readOnly) {
        el.readOnly = true;
        el.title = 'Filled by WeDesk';
      }
    }
  }
}

new MutationObserver(() => {
  wdFillAgentDefaults(document);
  wdLockFields(document);
}).observe(document.body, { childList: true, subtree: true });
