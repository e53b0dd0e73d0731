package io.chorus.client;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The client's socket layer: Netty's native epoll where its library loads (Linux x86_64), the
 * JDK's NIO everywhere else. Epoll is cheaper per request: the event loop is woken through an
 * eventfd and reads its ready sockets straight from {@code epoll_wait}, where NIO goes through the
 * JDK selector's locks and selected-key set (measured in bench/README.md, "Client CPU per op").
 */
record ClientTransport(String name, IoHandlerFactory ioHandlerFactory, Class<? extends SocketChannel> channel) {

    static ClientTransport best() {
        if (Epoll.isAvailable()) return new ClientTransport("epoll", EpollIoHandler.newFactory(), EpollSocketChannel.class);
        return new ClientTransport("nio", NioIoHandler.newFactory(), NioSocketChannel.class);
    }
}
