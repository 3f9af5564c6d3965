/**
 * IPC channels between the preload and main. Each contract command is its own invoke channel,
 * named as the command (`app:info`, `data:import`, …): main registers one generic handler per name
 * of `COMMAND_NAMES`. Engine events all travel on one push channel.
 */
export const EVENT_CHANNEL = 'folio:event';
