/**
 * Long retrieval-augmented prompts: an instruction, several retrieved passages from a staff
 * handbook (of a company invented for this sample) and a question, 3,000 to 7,000 characters each.
 */

const PASSAGES = [
  `Travel. Book travel through the company travel portal at least 14 days ahead where possible. Economy class is the default for flights under 6 hours; for longer flights, premium economy may be booked with your manager's approval. Trains are preferred over flights for journeys under 4 hours. Hotels should cost no more than the city rate listed in the portal; if no listed hotel is available within 30 minutes of the venue, book the nearest one and note why in the booking. Travel insurance is provided automatically for trips booked through the portal; trips booked elsewhere are not covered unless you forward the booking to the travel desk before departure.`,
  `Expenses. Submit expenses within 60 days of spending, with a photo of each receipt. Meals while travelling are reimbursed up to 55 euros a day, or the local rate in the portal for cities where it is higher; alcohol is not reimbursed. Client entertainment needs a note naming the client and the purpose. Mileage for private cars is paid at 0.30 euros per kilometre. Expenses are paid with the next monthly salary if approved by the 20th of the month. Lost receipts can be replaced by a signed declaration up to twice a year; beyond that, the expense is not reimbursed.`,
  `Annual leave. Full-time staff have 27 days of annual leave plus public holidays; part-time staff have a pro-rata share. Up to 5 unused days can be carried into the next year and must be taken by 31 March. Requests for more than 10 consecutive working days need 6 weeks' notice. During the December shutdown between Christmas and New Year, the office is closed and three of those days come from annual leave. Leave is requested in the HR system and approved by your manager; if no answer comes within 5 working days, the request is approved automatically.`,
  `Sick leave. Tell your manager on the first morning you are unwell, before 10:00 if you can. For absences of up to 7 calendar days, no medical certificate is needed; from the 8th day, send one to HR. Sick days do not reduce annual leave, and falling ill during annual leave turns those days into sick days if you report it at the time. After a long absence (over 4 weeks), HR arranges a return-to-work conversation and, where useful, a phased return over up to 4 weeks at full pay.`,
  `Parental leave. Birth parents receive 26 weeks of leave at full pay; other parents, including adoptive parents, receive 16 weeks at full pay. Leave can start up to 4 weeks before the expected birth or placement and must be taken within 18 months of it. It can be split into at most three blocks. Tell HR at least 8 weeks before the first block. Staff returning from parental leave can work 80% of their hours at 100% of their pay for the first 8 weeks back.`,
  `Remote work. Staff may work from home up to 3 days a week by default; teams agree on at least one shared office day. Working from another country is allowed for up to 20 working days a year, only in countries where the company has an entity or that are on the approved list, because of tax and data protection rules. Ask HR before booking. The company pays a one-off 400-euro home office allowance and, for those who work from home at least two days a week, 25 euros a month towards internet costs.`,
  `Equipment. New staff receive a laptop, a monitor, a keyboard, a mouse and a headset. Laptops are replaced every 3 years, or sooner if broken; repairs go through the IT desk, not through personal shops. Lost or stolen devices must be reported to security within 24 hours so they can be wiped remotely. Staff may install software from the internal catalogue; anything else needs a request to IT, which checks licences and security within 3 working days.`,
  `Security basics. Use the password manager for every work account and turn on two-factor authentication wherever it is offered; hardware keys are available from IT. Never share credentials, including with colleagues. Lock your screen when you leave your desk. Report suspicious emails with the "report phishing" button rather than forwarding them. Confidential data must stay in approved systems: do not copy it to personal devices or personal cloud storage. Security training is repeated every 12 months and must be completed within 30 days of the reminder.`,
  `Data retention. Customer data is kept for as long as the customer's contract runs and deleted 90 days after it ends, unless the law requires longer. Backups are kept for 35 days. Logs containing personal data are kept for 30 days; aggregated statistics without personal data may be kept indefinitely. Employee records are kept for 6 years after employment ends. Requests from customers to delete their data are handled by the privacy team within 30 days; engineers should forward any such request they receive rather than act on it themselves.`,
  `On-call. Engineering teams run a weekly on-call rotation with a primary and a secondary engineer. On-call staff receive 300 euros per week plus 50 euros for each night they are paged between 22:00 and 07:00. The primary acknowledges a page within 15 minutes; if not, the secondary is paged. Nobody is on call for more than one week in four. After a night with more than two pages, the engineer may start the next day at noon. Hand-over happens every Monday at 11:00 with a short written summary.`,
  `Incidents. Anyone can declare an incident in the incident channel. The first responder becomes incident lead until they hand over explicitly. Severity 1 means customers cannot use a core feature; it requires a status page update within 30 minutes and hourly updates after that. Severity 2 means degraded service for some customers. Every severity 1 or 2 incident gets a blameless review within 5 working days, written by the incident lead, with actions that have owners and due dates.`,
  `Code review. Every change to production code needs one approving review from someone other than the author; changes to security-sensitive code (authentication, payments, encryption) need two, one of them from the security team. Reviews should be answered within one working day. Authors keep changes under 400 lines where possible and describe how they tested them. Automated checks must pass before merging. Reviewers comment on behaviour and design first and style last; style is handled by the formatter.`,
  `Learning budget. Each employee has 1,500 euros a year for courses, books, conferences and certifications related to their work, and up to 5 working days of study leave. Unused budget does not carry over. Conference trips count against the budget, including travel and hotel, unless the employee is speaking, in which case the company pays separately. Requests go through the learning portal and are approved by the manager. If an employee leaves within 12 months of a course costing over 1,000 euros, they repay half of it.`,
  `Onboarding. In their first week, new staff meet their manager daily, get a buddy from another team and complete the security and privacy training. By the end of the first month they should have shipped one small change to production (engineers) or shadowed five customer calls (customer-facing roles). A 30-day and a 90-day review with the manager check progress and expectations. Probation lasts 6 months; it can be extended once by up to 3 months if both sides agree.`,
];

/** A question, and the passage that answers it (null: the handbook does not say). */
const QUESTIONS: [string, number | null][] = [
  ['Can I fly premium economy to a conference in Singapore?', 0],
  ['I lost a taxi receipt from my trip last week. Can I still claim it?', 1],
  ['How many days of leave can I carry into next year, and until when can I use them?', 2],
  ['I got the flu during my holiday. Do I lose those days?', 3],
  ['My partner is giving birth in May. How much leave do I get as the non-birth parent, and can I split it?', 4],
  ['Can I work from my parents’ house in Portugal for three weeks?', 5],
  ['My laptop was stolen from my car last night. What do I have to do and by when?', 6],
  ['Is it fine to keep a copy of a confidential customer spreadsheet on my personal Dropbox?', 7],
  ['How long do we keep server logs that contain IP addresses?', 8],
  ['How much do I get paid for a week on call in which I was paged on two nights?', 9],
  ['Who writes the review after a severity 1 incident, and by when?', 10],
  ['How many approvals does a change to the payment service need?', 11],
  ['I want to attend a 1,200-euro machine learning course. What happens if I leave the company next year?', 12],
  ['What should a new engineer have done by the end of their first month?', 13],
  ['Do I need a doctor’s note if I’m sick for five days?', 3],
  ['A customer emailed me asking us to delete their data. What should I do?', 8],
  ['Does the company pay for my home internet?', 5],
  ['How quickly must the primary on-call engineer respond to a page?', 9],
  ['What is the daily meal allowance when I travel, and is wine with dinner covered?', 1],
  ['Is my trip insured if I booked the hotel myself on a travel website?', 0],
  ['What is the company’s policy on bringing dogs to the office?', null],
  ['How is the annual bonus calculated?', null],
  ['Can I use the learning budget for a conference where I am giving a talk?', 12],
  ['What happens at the end of probation if my manager and I both think I need more time?', 13],
];

const INSTRUCTIONS = [
  'Answer the question using only the passages below. Cite the numbers of the passages you used, like [3]. If the passages do not contain the answer, say that the handbook does not cover it.',
  'You are the staff handbook assistant. Read the retrieved excerpts, then answer the employee’s question in two or three sentences, quoting the rule that applies. Do not guess beyond the excerpts.',
];

/** Seven to ten passages, the answering one among them, in an order that varies by question. */
function retrieved(q: number, answer: number | null): number[] {
  const count = 7 + (q % 4);
  const picked = new Set(answer === null ? [] : [answer]);
  for (let step = 0; picked.size < count; step++) picked.add((q * 5 + step * 3) % PASSAGES.length);
  return [...picked].sort((a, b) => ((a * 7 + q) % 11) - ((b * 7 + q) % 11) || a - b);
}

export const RAG: readonly string[] = QUESTIONS.map(([question, answer], q) => {
  const passages = retrieved(q, answer).map((p, i) => `[${i + 1}] ${PASSAGES[p]}`);
  return `${INSTRUCTIONS[q % INSTRUCTIONS.length]}\n\n${passages.join('\n\n')}\n\nQuestion: ${question}`;
});
