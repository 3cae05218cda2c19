import { listGpus, parseGpuList } from './nvidia-smi.util';

describe(parseGpuList.name, () => {
  it('reads name and memory per line', () => {
    expect(parseGpuList('NVIDIA L4, 23034\nNVIDIA A100-SXM4-80GB, 81920\n')).toEqual([
      { name: 'NVIDIA L4', memoryMiB: 23034 },
      { name: 'NVIDIA A100-SXM4-80GB', memoryMiB: 81920 },
    ]);
  });
});

describe(listGpus.name, () => {
  it('is empty when the binary is missing', async () => {
    await expect(listGpus('/nonexistent/nvidia-smi')).resolves.toEqual([]);
  });
});
