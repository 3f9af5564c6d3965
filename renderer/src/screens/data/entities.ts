/** The bundle's entities as the Data screen names them. */
import type { Entity } from '../../../../shared/contract';

export const ENTITY_LABEL: Record<Entity, string> = {
  parties: 'Parties',
  deals: 'Deals',
  deal_payees: 'Deal payees',
  revenue_items: 'Revenue items',
  payment_items: 'Payment items',
  settlements: 'Settlements',
  billing_items: 'Billing items',
  billing_payments: 'Billing payments',
  contracts: 'Contracts',
  contract_rates: 'Contract rates',
  labor_hours: 'Labour hours',
  revenue_reports: 'Revenue reports',
  adjustments: 'Adjustments',
};
