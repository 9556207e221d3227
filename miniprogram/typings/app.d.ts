interface IAppOption {
  globalData: Record<string, never>;
}
