import { test } from './fixtures.js';
import { frontDeskFlow } from './flows/front-desk.js';

// The flow finalizes a clinical record, which only a vet may do; vets may also bill.
test.use({ vetdeskRole: 'vet' });

test(frontDeskFlow.name, async ({ page, vetdesk }) => {
  // Bill numbering and "paid" wait on real syncs with the central server.
  test.setTimeout(300_000);
  await page.goto(vetdesk.url);
  await frontDeskFlow.run(page);
});
