// 我的投标: a receipt is checked in the page. Each "核验回执" button fetches that submission's
// receipt, checks it (receipt.js) and says in words what it proves, beside the button. Loaded as
// a module; texts come from the page's #page-data element.
import { api, pageData } from '/static/client.js';
import { checkReceipt, checkLater, fingerprint } from '/static/receipt.js';
const { T } = pageData();

function line(ok, text) {
  const li = document.createElement('li');
  li.className = ok ? 'ok' : 'error';
  li.textContent = (ok ? '✓ ' : '✗ ') + text;
  return li;
}

for (const button of document.querySelectorAll('[data-receipt-check]')) {
  button.addEventListener('click', async () => {
    const out = document.getElementById('receipt-result-' + button.dataset.receiptCheck);
    out.replaceChildren(line(true, T['receipt.checking']));
    try {
      const r = await api('GET', `/api/v1/bids/${button.dataset.receiptCheck}/receipt`);
      const checks = await checkReceipt(r);
      const key = await fingerprint(r.log_public_key);
      const lines = checks.map(({ check, ok }) => {
        const detail = check === 'included' ? ` ${r.log_index}` : check === 'signature' ? ` ${key}` : '';
        return line(ok, T[`receipt.${check}.${ok ? 'ok' : 'bad'}`] + detail);
      });
      if (checks.every((c) => c.ok)) {
        const later = await checkLater(r, (p) => api('GET', p));
        lines.push(line(later.ok, T[`receipt.later.${later.ok ? 'ok' : 'bad'}`] + ` ${later.size}`));
      }
      const all = lines.every((l) => l.className === 'ok');
      const verdict = document.createElement('p');
      verdict.className = all ? 'ok' : 'error';
      verdict.dataset.testid = 'receipt-verdict';
      verdict.textContent = T[all ? 'receipt.valid' : 'receipt.invalid'];
      const list = document.createElement('ul');
      list.className = 'list';
      list.replaceChildren(...lines);
      out.replaceChildren(verdict, list);
    } catch (e) {
      out.replaceChildren(line(false, e.message));
    }
  });
}
