namespace WuKongIM.Client
{
    /// <summary>
    /// A payload that passed the client's payload rule (not empty, within <see cref="MessagesApi.MaxPayloadBytes"/>), made
    /// only by <see cref="MessagesApi.CheckPayload"/>. A send given one is not checked again, so a payload shared by many
    /// sends is checked once, before the first of them goes out. An array's length cannot change, so the check stays true.
    /// </summary>
    public sealed class WKCheckedPayload
    {
        internal WKCheckedPayload(byte[] bytes) => Bytes = bytes;

        public byte[] Bytes { get; }
    }
}
