export const root: string;
export const apis: readonly ['katapult', 'captain'];
export const redoclyBin: string;
