/**
 * Autocomplete sources over the engine's cache lookups (data:parties, data:deals, data:contracts).
 */
import { api } from '../../api';
import type { Option } from '../../components/form/Autocomplete';

const CONTRACT_TYPE: Record<string, string> = {
  revenue_share: 'Revenue share',
  per_labor_hour: 'Per labour hour',
  fixed_fee: 'Fixed fee',
};

export function searchParties(type?: 'CLIENT' | 'BUYER' | 'PAYEE') {
  return async (query: string): Promise<Option[]> => {
    const rows = await api.data.parties({ query, type, limit: 20 });
    return rows.map((p) => ({
      id: p.id,
      label: p.name,
      detail: [type ? null : p.type.toLowerCase(), p.defaultCurrency, p.id].filter(Boolean).join(' · '),
    }));
  };
}

export const searchClients = searchParties('CLIENT');
export const searchAnyParty = searchParties();

export async function searchDeals(query: string): Promise<Option[]> {
  const rows = await api.data.deals({ query, limit: 20 });
  return rows.map((d) => ({ id: d.id, label: `${d.ref} · ${d.name}`, detail: d.clientName }));
}

export async function searchContracts(query: string): Promise<Option[]> {
  const rows = await api.data.contracts({ query, limit: 20 });
  return rows.map((c) => ({
    id: c.id,
    label: `${c.customerName} · ${c.id}`,
    detail: [CONTRACT_TYPE[c.type] ?? c.type, c.currency, c.status === 'ACTIVE' ? null : c.status].filter(Boolean).join(' · '),
  }));
}

export const CURRENCIES = ['USD', 'GBP', 'EUR', 'CAD', 'AUD', 'JPY', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'NZD', 'SGD', 'HKD', 'ZAR'];
